package io.quarkiverse.dataprotection.xmlencryption;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.TestCertificate;

/**
 * Core's view of {@link CertificateGenerator}'s self-signed certificates: as {@link CertificateWithKey}, with the
 * PKCS#12 and PEM encodings tests write to files. Nothing here is committed: every key is made fresh in memory or in
 * a {@code @TempDir}.
 */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** A certificate valid from one day ago for {@code validity}, with its private key. */
    public static CertificateWithKey generate(String commonName, Duration validity) {
        return of(CertificateGenerator.generate(commonName, validity));
    }

    public static CertificateWithKey generate(String commonName) {
        return of(CertificateGenerator.generate(commonName));
    }

    /** As the library sees a generated certificate. */
    public static CertificateWithKey of(TestCertificate certificate) {
        return certificate.hasPrivateKey() ? CertificateWithKey.of(certificate.certificate(), certificate.privateKey())
                : CertificateWithKey.publicOnly(certificate.certificate());
    }

    /** As the test helpers (the fake Key Vault) see a certificate. */
    public static TestCertificate of(CertificateWithKey certificate) {
        return new TestCertificate(certificate.certificate(), certificate.privateKey().orElse(null));
    }

    /** PKCS#12 bytes holding the certificate and its key under {@code password} (may be empty, as Key Vault's). */
    public static byte[] pkcs12(CertificateWithKey certificate, char[] password) {
        return of(certificate).pkcs12(password);
    }

    /** PKCS#12 bytes holding only the certificate, as Key Vault serves a certificate whose key is not exportable. */
    public static byte[] pkcs12CertificateOnly(CertificateWithKey certificate) {
        return of(certificate).publicOnly().pkcs12(new char[0]);
    }

    public static Path writePkcs12(Path dir, String name, CertificateWithKey certificate, char[] password) {
        return write(dir.resolve(name), pkcs12(certificate, password));
    }

    /** The PEM certificate ({@code CERTIFICATE}). */
    public static String certificatePem(CertificateWithKey certificate) {
        return of(certificate).certificatePem();
    }

    /** The unencrypted PKCS#8 private key ({@code PRIVATE KEY}). */
    public static String privateKeyPem(CertificateWithKey certificate) {
        return of(certificate).privateKeyPem();
    }

    static Path write(Path file, byte[] content) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
