package io.quarkiverse.dataprotection.xmlencryption;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One certificate from a PEM certificate file ({@code -----BEGIN CERTIFICATE-----}, a chain is allowed) and its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}); both may be in the same file. It encrypts
 * new keys and decrypts. The files are read on the first {@link #certificates()} call and on each {@link #refresh()}.
 * <p>
 * Thread-safe.
 */
public final class PemCertificateSource extends CachingCertificateSource {

    private final Path certificateFile;
    private final Path privateKeyFile;

    public PemCertificateSource(Path certificateFile, Path privateKeyFile) {
        this.certificateFile = Objects.requireNonNull(certificateFile, "certificateFile");
        this.privateKeyFile = Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    }

    @Override
    protected CertificateSet load() {
        String certificates = CertificateFiles.utf8(Pkcs12CertificateSource.read(certificateFile));
        String key = CertificateFiles.utf8(Pkcs12CertificateSource.read(privateKeyFile));
        return CertificateSet.of(CertificateFiles.fromPem(certificates, key, describeFiles()));
    }

    @Override
    public String description() {
        return "PEM " + describeFiles();
    }

    private String describeFiles() {
        return certificateFile.equals(privateKeyFile) ? "file " + certificateFile
                : "files " + certificateFile + " and " + privateKeyFile;
    }
}
