package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * The {@code key-encryption.azure-key-vault.*} settings in Weld, with the real Azure SDK clients on the JDK HTTP
 * transport against the local fake Key Vault.
 */
class AzureKeyVaultSettingsTest {

    static final String P = "quarkus.data-protection.";
    static final String VAULT = P + "key-encryption.azure-key-vault.";
    static final String NAME = "dp-keys";

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
    void vaultCertificate_overTheConfiguredTrustStore_encryptsStoredKeys(@TempDir Path dir) throws Exception {
        CertificateWithKey certificate = TestCertificates.generate("vault-v1");
        String version = vault.addVersion(NAME, TestCertificates.of(certificate));

        try (CdiApp app = CdiApp.start(settings(dir), FakeVaultCredential.class)) {
            assertThat(app.protector().unprotect(app.protector().protect("vaulted"))).isEqualTo("vaulted");
        }
        assertThat(KeyEncryptionSettingsTest.onlyKeyFile(dir.resolve("keys")))
                .contains(KeyEncryptionSettingsTest.encoded(certificate)).doesNotContain("<value>");
        assertThat(vault.secretFetches(NAME, version)).as("over TLS trusting the configured store").isEqualTo(1);
    }

    @Test
    void refreshPeriod_listsTheVersionsAgainInTheBackground_soARotatedVersionReencryptsTheKeys(@TempDir Path dir)
            throws Exception {
        CertificateWithKey first = TestCertificates.generate("vault-v1");
        vault.addVersion(NAME, TestCertificates.of(first));
        Map<String, String> settings = settings(dir);
        settings.put(VAULT + "refresh-period", "1S");

        try (CdiApp app = CdiApp.start(settings, FakeVaultCredential.class)) {
            app.protector().protect("x");
            CertificateWithKey rotated = TestCertificates.generate("vault-v2");
            vault.addVersion(NAME, TestCertificates.of(rotated));

            // Re-encryption skips keys already encrypted to the current version: it rewrites the key only once the
            // background refresh has made the rotated version current.
            Instant deadline = Instant.now().plusSeconds(30);
            int reencrypted = 0;
            while (reencrypted == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                reencrypted = app.provider().keyManager().reencryptKeys();
            }
            assertThat(reencrypted).isEqualTo(1);
            assertThat(KeyEncryptionSettingsTest.onlyKeyFile(dir.resolve("keys")))
                    .contains(KeyEncryptionSettingsTest.encoded(rotated))
                    .doesNotContain(KeyEncryptionSettingsTest.encoded(first));
        }
    }

    @Test
    void vaultDownAtStart_doesNotFailTheStart_andKeysAreCreatedOnceItLoads(@TempDir Path dir) throws Exception {
        vault.addVersion(NAME, TestCertificates.of(TestCertificates.generate("vault-v1")));
        vault.failAlways(503);

        try (CdiApp app = CdiApp.start(settings(dir), FakeVaultCredential.class)) {
            assertThat(app.provider().status().isReady()).as("no key without the certificate").isFalse();
            vault.failAlways(0);

            // The background retry loads the certificate, then reads the key ring again, creating the key.
            Instant deadline = Instant.now().plusSeconds(60);
            while (!app.provider().status().isReady() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(app.provider().status().isReady()).isTrue();
            assertThat(app.protector().unprotect(app.protector().protect("later"))).isEqualTo("later");
        }
    }

    @Test
    void withoutVaultUrl_theStartFails_asInQuarkus() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "azure-key-vault",
                VAULT + "certificate-name", NAME)).close())
                .hasStackTraceContaining("Missing quarkus.data-protection.key-encryption.azure-key-vault.vault-url: "
                        + "it is required when quarkus.data-protection.key-encryption.type=azure-key-vault");
    }

    @Test
    void clientIdWithoutSecret_failsTheStart_pointingToTheManagedIdentityClientId() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "azure-key-vault",
                VAULT + "vault-url", "https://my-vault.vault.azure.net", VAULT + "certificate-name", NAME,
                VAULT + "client-id", "app-id")).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-encryption.azure-key-vault.client-id="
                        + "app-id: it is used only with quarkus.data-protection.key-encryption.azure-key-vault"
                        + ".client-secret or")
                .hasStackTraceContaining("managed-identity-client-id");
    }

    @Test
    void plainHttpVaultUrlAndZeroRefreshPeriod_failTheStart_namingTheProperty() {
        Map<String, String> settings = new HashMap<>(Map.of(P + "key-encryption.type", "azure-key-vault",
                VAULT + "vault-url", "http://my-vault.example", VAULT + "certificate-name", NAME));
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-encryption.azure-key-vault.vault-url="
                        + "http://my-vault.example: it must start with https://");
        settings.put(VAULT + "refresh-period", "0s");
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-encryption.azure-key-vault.refresh-period"
                        + "=PT0S: it must be positive");
    }

    Map<String, String> settings(Path dir) {
        Path trustStore = vault.writeTrustStore(dir.resolve("vault-trust.p12"), "trust-pw".toCharArray());
        return new HashMap<>(Map.of(P + "key-store", "file", P + "file.directory", dir.resolve("keys").toString(),
                P + "key-encryption.type", "azure-key-vault", VAULT + "vault-url", vault.vaultUrl(),
                VAULT + "certificate-name", NAME, VAULT + "trust-store-path", trustStore.toString(),
                VAULT + "trust-store-password", "trust-pw", VAULT + "challenge-resource-verification", "false"));
    }
}
