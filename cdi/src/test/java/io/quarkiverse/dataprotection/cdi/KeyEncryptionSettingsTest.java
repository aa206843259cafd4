package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/** The {@code key-encryption.*} certificate settings in Weld, with certificates generated for the test. */
class KeyEncryptionSettingsTest {

    static final String P = "quarkus.data-protection.";
    static final String CERTIFICATE = P + "key-encryption.certificate.";
    static final CertificateWithKey CURRENT = TestCertificates.generate("cdi-current");
    static final CertificateWithKey OLD = TestCertificates.generate("cdi-old");

    @Test
    void pkcs12Certificate_encryptsStoredKeys_andAnotherContainerWithItDecryptsThem(@TempDir Path dir)
            throws Exception {
        Path pfx = TestCertificates.writePkcs12(dir, "current.pfx", CURRENT, "pw".toCharArray());
        Map<String, String> settings = certificate(dir.resolve("keys"), CERTIFICATE + "pkcs12.path", pfx.toString());
        settings.put(CERTIFICATE + "pkcs12.password", "pw");

        String payload;
        try (CdiApp app = CdiApp.start(settings)) {
            payload = app.protector().protect("sealed");
        }
        String keyXml = onlyKeyFile(dir.resolve("keys"));
        assertThat(keyXml).contains("EncryptedXmlDecryptor").contains("EncryptedData").contains(encoded(CURRENT))
                .doesNotContain("<value>");
        try (CdiApp app = CdiApp.start(settings)) {
            assertThat(app.protector().unprotect(payload)).isEqualTo("sealed");
        }
        try (CdiApp app = CdiApp.start(Map.of(P + "key-store", "file", P + "file.directory",
                dir.resolve("keys").toString(), P + "auto-generate-keys", "false"))) {
            assertThatThrownBy(() -> app.protector().unprotect(payload)).as("without the certificate")
                    .isInstanceOf(DataProtectionException.class);
        }
    }

    @Test
    void pemCertificateAndKey_encryptStoredKeys(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), TestCertificates.certificatePem(CURRENT));
        Path key = Files.writeString(dir.resolve("key.pem"), TestCertificates.privateKeyPem(CURRENT));
        Map<String, String> settings = certificate(dir.resolve("keys"), CERTIFICATE + "pem.certificate-path",
                cert.toString());
        settings.put(CERTIFICATE + "pem.private-key-path", key.toString());

        try (CdiApp app = CdiApp.start(settings)) {
            assertThat(app.protector().unprotect(app.protector().protect("pem"))).isEqualTo("pem");
        }
        assertThat(onlyKeyFile(dir.resolve("keys"))).contains(encoded(CURRENT)).doesNotContain("<value>");
    }

    @Test
    void decryptionCertificates_readKeysOfARetiredCertificate_whileNewKeysUseTheCurrentOne(@TempDir Path dir)
            throws Exception {
        Path oldPfx = TestCertificates.writePkcs12(dir, "old.pfx", OLD, new char[0]);
        Path currentPfx = TestCertificates.writePkcs12(dir, "current.pfx", CURRENT, new char[0]);
        Path keys = dir.resolve("keys");
        String payload;
        try (CdiApp app = CdiApp.start(certificate(keys, CERTIFICATE + "pkcs12.path", oldPfx.toString()))) {
            payload = app.protector().protect("before the rotation");
        }

        Map<String, String> rotated = certificate(keys, CERTIFICATE + "pkcs12.path", currentPfx.toString());
        try (CdiApp app = CdiApp.start(rotated)) {
            assertThat(app.provider().status().unusableKeys()).as("without the old certificate").hasSize(1);
        }
        rotated.put(P + "key-encryption.decryption-certificates.old-2025.pkcs12.path", oldPfx.toString());
        try (CdiApp app = CdiApp.start(rotated)) {
            assertThat(app.protector().unprotect(payload)).isEqualTo("before the rotation");
            app.provider().keyManager().createNewKey(java.time.Instant.now(), java.time.Instant.now().plus(
                    java.time.Duration.ofDays(30)));
        }
        try (var files = Files.list(keys)) {
            assertThat(files.map(KeyEncryptionSettingsTest::read).filter(xml -> xml.contains(encoded(CURRENT))))
                    .as("the new key is encrypted to the current certificate").hasSize(1);
        }
    }

    @Test
    void certificateTypeWithoutFiles_failsTheStart_namingTheProperties() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "certificate")).close())
                .hasStackTraceContaining("Missing quarkus.data-protection.key-encryption.certificate.pkcs12.path: it is "
                        + "required")
                .hasStackTraceContaining("quarkus.data-protection.key-encryption.certificate.pem.certificate-path");
    }

    @Test
    void decryptionCertificateWithHalfAPemPair_failsTheStart_namingItsProperty() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "certificate",
                CERTIFICATE + "pkcs12.path", "/nowhere.pfx",
                P + "key-encryption.decryption-certificates.old.pem.certificate-path", "/old.pem")).close())
                .hasStackTraceContaining("Missing quarkus.data-protection.key-encryption.decryption-certificates.old"
                        + ".pem.private-key-path: it is required with quarkus.data-protection.key-encryption"
                        + ".decryption-certificates.old.pem.certificate-path");
    }

    @Test
    void missingCertificateFile_failsTheStart(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pfx");
        assertThatThrownBy(() -> CdiApp.start(certificate(dir, CERTIFICATE + "pkcs12.path", missing.toString()))
                .close())
                .hasStackTraceContaining("Certificate file " + missing + " does not exist");
    }

    /** How the key XML names the certificate a key is encrypted to: its DER encoding in base64. */
    static String encoded(CertificateWithKey certificate) {
        try {
            return java.util.Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> certificate(Path keys, String property, String value) {
        return new HashMap<>(Map.of(P + "key-store", "file", P + "file.directory", keys.toString(),
                P + "key-encryption.type", "certificate", property, value));
    }

    static String onlyKeyFile(Path keys) throws Exception {
        var files = ProviderSettingsTest.keyFiles(keys);
        assertThat(files).hasSize(1);
        return Files.readString(files.get(0));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
