package io.quarkiverse.dataprotection.xmlencryption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One certificate with its private key from a PKCS#12 ({@code .pfx}/{@code .p12}) file: it encrypts new keys and
 * decrypts. The file is read on the first {@link #certificates()} call and on each {@link #refresh()}.
 * <p>
 * Thread-safe. Holds the password for refreshes; never prints it.
 */
public final class Pkcs12CertificateSource extends CachingCertificateSource {

    private final Path file;
    private final char[] password;

    /**
     * @param file the PKCS#12 file
     * @param password its password; empty for none
     */
    public Pkcs12CertificateSource(Path file, char[] password) {
        this.file = Objects.requireNonNull(file, "file");
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    @Override
    protected CertificateSet load() {
        return CertificateSet.of(CertificateFiles.fromPkcs12(read(file), password, "file " + file));
    }

    @Override
    public String description() {
        return "PKCS#12 file " + file;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateSourceException("Certificate file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CertificateSourceException("Cannot read certificate file " + file + ": " + e, e);
        }
    }
}
