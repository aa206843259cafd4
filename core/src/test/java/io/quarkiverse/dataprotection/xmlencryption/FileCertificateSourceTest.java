package io.quarkiverse.dataprotection.xmlencryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCertificateSourceTest {

    static CertificateWithKey certA;
    static CertificateWithKey certB;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        certA = TestCertificates.generate("file-A");
        certB = TestCertificates.generate("file-B");
    }

    @Test
    void pkcs12_loadsCertificateAndPrivateKey() {
        Path file = TestCertificates.writePkcs12(dir, "a.pfx", certA, "s3cret".toCharArray());

        CertificateSet set = new Pkcs12CertificateSource(file, "s3cret".toCharArray()).certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
        assertThat(set.encryptionCertificate().privateKey()).contains(certA.privateKey().orElseThrow());
        assertThat(set.decryptionCertificates()).extracting(CertificateWithKey::thumbprint)
                .containsExactly(certA.thumbprint());
    }

    @Test
    void pkcs12_wrongPassword_failsNamingTheFileAndNotThePassword() {
        Path file = TestCertificates.writePkcs12(dir, "a.pfx", certA, "s3cret".toCharArray());

        assertThatThrownBy(() -> new Pkcs12CertificateSource(file, "wrong-one".toCharArray()).certificates())
                .isInstanceOf(CertificateSourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-one").hasMessageNotContaining("s3cret");
    }

    @Test
    void missingFiles_failNamingTheFile() {
        Path missing = dir.resolve("missing.pfx");

        assertThatThrownBy(() -> new Pkcs12CertificateSource(missing, new char[0]).certificates())
                .isInstanceOf(CertificateSourceException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        Path cert = TestCertificates.write(dir.resolve("a.crt"), pem(TestCertificates.certificatePem(certA)));
        assertThatThrownBy(() -> new PemCertificateSource(cert, dir.resolve("a.key")).certificates())
                .isInstanceOf(CertificateSourceException.class).hasMessageContaining("a.key");
    }

    @Test
    void notPkcs12_failsNamingTheFile() {
        Path file = TestCertificates.write(dir.resolve("junk.pfx"), "junk".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new Pkcs12CertificateSource(file, new char[0]).certificates())
                .isInstanceOf(CertificateSourceException.class).hasMessageContaining(file.toString());
    }

    @Test
    void pem_separateFiles_loads() {
        Path cert = TestCertificates.write(dir.resolve("a.crt"), pem(TestCertificates.certificatePem(certA)));
        Path key = TestCertificates.write(dir.resolve("a.key"), pem(TestCertificates.privateKeyPem(certA)));

        CertificateSet set = new PemCertificateSource(cert, key).certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
        assertThat(set.encryptionCertificate().hasPrivateKey()).isTrue();
    }

    @Test
    void pem_oneFileWithKeyAndChain_picksTheCertificateMatchingTheKey() {
        // Key Vault's PEM export: private key first, then certificates; here the leaf is not the first certificate.
        String combined = TestCertificates.privateKeyPem(certA) + TestCertificates.certificatePem(certB)
                + TestCertificates.certificatePem(certA);
        Path file = TestCertificates.write(dir.resolve("a.pem"), pem(combined));

        CertificateSet set = new PemCertificateSource(file, file).certificates();

        assertThat(set.encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());
    }

    @Test
    void pem_keyOfAnotherCertificate_fails() {
        Path cert = TestCertificates.write(dir.resolve("a.crt"), pem(TestCertificates.certificatePem(certA)));
        Path key = TestCertificates.write(dir.resolve("b.key"), pem(TestCertificates.privateKeyPem(certB)));

        assertThatThrownBy(() -> new PemCertificateSource(cert, key).certificates())
                .isInstanceOf(CertificateSourceException.class).hasMessageContaining("matches its private key")
                .hasMessageContaining("a.crt");
    }

    @Test
    void pem_pkcs1Key_failsWithConversionHint() {
        Path cert = TestCertificates.write(dir.resolve("a.crt"), pem(TestCertificates.certificatePem(certA)));
        Path key = TestCertificates.write(dir.resolve("a.key"),
                pem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"));

        assertThatThrownBy(() -> new PemCertificateSource(cert, key).certificates())
                .isInstanceOf(CertificateSourceException.class).hasMessageContaining("openssl pkcs8");
    }

    @Test
    void refresh_readsTheFileAgain_andAFailedRefreshKeepsTheOldCertificates() throws Exception {
        Path file = TestCertificates.writePkcs12(dir, "rotating.pfx", certA, new char[0]);
        Pkcs12CertificateSource source = new Pkcs12CertificateSource(file, new char[0]);
        assertThat(source.certificates().encryptionCertificate().thumbprint()).isEqualTo(certA.thumbprint());

        TestCertificates.writePkcs12(dir, "rotating.pfx", certB, new char[0]);
        assertThat(source.certificates().encryptionCertificate().thumbprint()).as("cached until refresh")
                .isEqualTo(certA.thumbprint());
        assertThat(source.refresh().encryptionCertificate().thumbprint()).isEqualTo(certB.thumbprint());

        Files.delete(file);
        assertThatThrownBy(source::refresh).isInstanceOf(CertificateSourceException.class);
        assertThat(source.certificates().encryptionCertificate().thumbprint()).isEqualTo(certB.thumbprint());
    }

    @Test
    void composite_encryptsWithThePrimary_decryptsWithAll() throws Exception {
        Path a = TestCertificates.writePkcs12(dir, "a.pfx", certA, new char[0]);
        Path b = TestCertificates.writePkcs12(dir, "b.pfx", certB, new char[0]);
        CompositeCertificateSource composite = new CompositeCertificateSource(
                new Pkcs12CertificateSource(b, new char[0]), List.of(new Pkcs12CertificateSource(a, new char[0])));

        assertThat(composite.certificates().encryptionCertificate().thumbprint()).isEqualTo(certB.thumbprint());
        assertThat(composite.certificates().decryptionCertificates()).extracting(CertificateWithKey::thumbprint)
                .containsExactlyInAnyOrder(certA.thumbprint(), certB.thumbprint());
        assertThat(composite.description()).contains("b.pfx").contains("a.pfx");
        var underA = new CertificateXmlEncryptor(certA).encrypt(CertificateXmlEncryptionTest.masterKey());
        assertThat(new EncryptedXmlDecryptor(composite).decrypt(underA.encryptedElement()).getLocalName())
                .isEqualTo("masterKey");
    }

    private static byte[] pem(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
