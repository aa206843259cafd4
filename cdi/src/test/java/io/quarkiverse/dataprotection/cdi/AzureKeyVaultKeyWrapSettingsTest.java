package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * {@code key-encryption.type=azure-key-vault-key} in Weld: master keys wrapped with a Key Vault key (ASP.NET Core's
 * {@code ProtectKeysWithAzureKeyVault}), through the real Azure SDK on the JDK HTTP transport against the local fake
 * Key Vault, authenticated by the application's {@code TokenCredential} bean.
 */
class AzureKeyVaultKeyWrapSettingsTest {

    static final String P = "quarkus.data-protection.";
    static final String VAULT = P + "key-encryption.azure-key-vault.";
    static final String KEY = "dp-wrap";
    static final CertificateWithKey CERTIFICATE = TestCertificates.generate("cdi-before-key-wrap");

    FakeKeyVaultServer vault;

    @BeforeEach
    void startVault() {
        vault = FakeKeyVaultServer.start();
        FakeVaultCredential.server = vault;
    }

    @AfterEach
    void stopVault() {
        FakeVaultCredential.server = null;
        vault.close();
    }

    @Test
    void keyWrap_storesNewKeysInTheEncryptedKeyForm_andAnotherContainerUnprotectsTheirPayloads(@TempDir Path dir)
            throws Exception {
        String version = vault.keys().create(KEY);
        Map<String, String> settings = keyWrap(dir);

        String payload;
        try (CdiApp app = CdiApp.start(settings, FakeVaultCredential.class, RecordingKeyVaultListener.class)) {
            payload = app.protector().protect("wrapped");
            assertThat(app.protector().unprotect(payload)).isEqualTo("wrapped");
            // Only wraps: the creator never unwraps the key it made. (A fresh file store's first compare-and-append
            // may be retried, which prepares, and wraps, the key again.)
            assertThat(app.bean(RecordingKeyVaultListener.class).calls()).as("the listener bean hears the calls")
                    .isNotEmpty().containsOnly("WRAP_KEY/SUCCESS");
        }
        String keyXml = KeyEncryptionSettingsTest.onlyKeyFile(dir.resolve("keys"));
        assertThat(keyXml).contains("AzureKeyVaultXmlDecryptor").contains("<encryptedKey")
                .contains("<kid>" + vault.keys().keyId(KEY, version) + "</kid>").contains("<iv>")
                .doesNotContain("<masterKey").doesNotContain("EncryptedXmlDecryptor");
        long wraps = vault.keys().wrapCount();
        assertThat(vault.keys().unwrapCount()).isZero();

        try (CdiApp app = CdiApp.start(settings, FakeVaultCredential.class)) {
            assertThat(app.protector().unprotect(payload)).isEqualTo("wrapped");
        }
        assertThat(vault.keys().unwrapCount()).as("the second container unwrapped the stored key").isEqualTo(1);
        assertThat(vault.keys().wrapCount()).as("and created none").isEqualTo(wraps);
    }

    @Test
    void ringWithACertificateEncryptedKey_underKeyWrap_readsItAndTheWrappedKey(@TempDir Path dir) throws Exception {
        vault.keys().create(KEY);
        Path pfx = TestCertificates.writePkcs12(dir, "old.pfx", CERTIFICATE, new char[0]);
        Map<String, String> certificate = new HashMap<>(Map.of(P + "key-store", "file", P + "file.directory",
                dir.resolve("keys").toString(), P + "key-encryption.type", "certificate",
                P + "key-encryption.certificate.pkcs12.path", pfx.toString()));
        String beforeMigration;
        try (CdiApp app = CdiApp.start(certificate)) {
            beforeMigration = app.protector().protect("certificate era");
        }

        // Key wrap encrypts from now on; the certificate, still configured, only decrypts.
        Map<String, String> migrated = keyWrap(dir);
        migrated.put(P + "key-encryption.certificate.pkcs12.path", pfx.toString());
        String afterMigration;
        try (CdiApp app = CdiApp.start(migrated, FakeVaultCredential.class)) {
            app.provider().keyManager().createNewKey(Instant.now(), Instant.now().plus(Duration.ofDays(90)));
            app.provider().refresh();
            afterMigration = app.protector().protect("key wrap era");
        }
        List<String> keyFiles = ProviderSettingsTest.keyFiles(dir.resolve("keys")).stream()
                .map(KeyEncryptionSettingsTest::read).toList();
        assertThat(keyFiles).hasSize(2);
        assertThat(keyFiles).filteredOn(xml -> xml.contains("EncryptedXmlDecryptor")).hasSize(1);
        assertThat(keyFiles).filteredOn(xml -> xml.contains("<encryptedKey")).hasSize(1);

        long unwrapsBefore = vault.keys().unwrapCount();
        migrated.put(P + "auto-generate-keys", "false");
        try (CdiApp app = CdiApp.start(migrated, FakeVaultCredential.class)) {
            assertThat(app.protector().unprotect(beforeMigration)).isEqualTo("certificate era");
            assertThat(app.protector().unprotect(afterMigration)).isEqualTo("key wrap era");
        }
        assertThat(vault.keys().unwrapCount()).as("the new payload's key is the wrapped one, unwrapped once")
                .isEqualTo(unwrapsBefore + 1);

        // And back: under the certificate, key-name still unwraps the wrapped key.
        certificate.put(VAULT + "vault-url", vault.vaultUrl());
        certificate.put(VAULT + "key-name", KEY);
        certificate.putAll(transport(dir));
        certificate.put(P + "auto-generate-keys", "false");
        try (CdiApp app = CdiApp.start(certificate, FakeVaultCredential.class)) {
            assertThat(app.protector().unprotect(afterMigration)).isEqualTo("key wrap era");
            assertThat(app.protector().unprotect(beforeMigration)).isEqualTo("certificate era");
        }
    }

    @Test
    void keyEncryptedToAVaultCertificate_underKeyWrapWithCertificateNameStillSet_unprotects(@TempDir Path dir)
            throws Exception {
        vault.keys().create(KEY);
        vault.addVersion("dp-certificate", TestCertificates.of(TestCertificates.generate("vault-certificate")));
        Map<String, String> settings = keyWrap(dir);
        settings.put(P + "key-encryption.type", "azure-key-vault");
        settings.put(VAULT + "certificate-name", "dp-certificate");
        String payload;
        try (CdiApp app = CdiApp.start(settings, FakeVaultCredential.class)) {
            payload = app.protector().protect("vault certificate era");
        }
        assertThat(KeyEncryptionSettingsTest.onlyKeyFile(dir.resolve("keys"))).contains("EncryptedXmlDecryptor");

        settings.put(P + "key-encryption.type", "azure-key-vault-key");
        settings.put(P + "auto-generate-keys", "false");
        try (CdiApp app = CdiApp.start(settings, FakeVaultCredential.class)) {
            assertThat(app.protector().unprotect(payload)).isEqualTo("vault certificate era");
        }
        assertThat(vault.keys().unwrapCount()).as("the certificate decrypted it, not the key").isZero();
    }

    @Test
    void withoutKeyName_theStartFails_namingTheProperty() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "azure-key-vault-key",
                VAULT + "vault-url", "https://my-vault.vault.azure.net")).close())
                .hasStackTraceContaining("Missing quarkus.data-protection.key-encryption.azure-key-vault.key-name: "
                        + "it is required when quarkus.data-protection.key-encryption.type=azure-key-vault-key; set it "
                        + "to the name of the RSA key");
    }

    @Test
    void malformedAllowedKeyOrKeyName_failsTheStart_namingThePropertyAndTheValue() {
        Map<String, String> settings = new HashMap<>(Map.of(P + "key-encryption.type", "azure-key-vault-key",
                VAULT + "vault-url", "https://my-vault.vault.azure.net", VAULT + "key-name", KEY,
                VAULT + "allowed-keys", "https://old-vault.vault.azure.net/secrets/dp"));
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-encryption.azure-key-vault.allowed-keys="
                        + "https://old-vault.vault.azure.net/secrets/dp: ");
        settings.remove(VAULT + "allowed-keys");
        settings.put(VAULT + "key-name", "no spaces allowed");
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-encryption.azure-key-vault.key-name="
                        + "no spaces allowed: ");
    }

    Map<String, String> keyWrap(Path dir) {
        Map<String, String> settings = new HashMap<>(Map.of(P + "key-store", "file", P + "file.directory",
                dir.resolve("keys").toString(), P + "key-encryption.type", "azure-key-vault-key",
                VAULT + "vault-url", vault.vaultUrl(), VAULT + "key-name", KEY));
        settings.putAll(transport(dir));
        return settings;
    }

    /** TLS trusting the fake, whose bearer challenge names a resource outside its own domain. */
    Map<String, String> transport(Path dir) {
        Path trustStore = dir.resolve("vault-trust.p12");
        if (!Files.exists(trustStore)) {
            vault.writeTrustStore(trustStore, "trust-pw".toCharArray());
        }
        return Map.of(VAULT + "trust-store-path", trustStore.toString(), VAULT + "trust-store-password", "trust-pw",
                VAULT + "challenge-resource-verification", "false");
    }
}
