package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryption;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.testing.FakeTokenEndpoint;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An instance joins a key ring wrapped with a Key Vault key while its credential (a client secret whose token
 * endpoint refuses it) fails: it starts, readiness is down with one message naming the vault, the credential's own
 * error line and what to check, and no NullPointerException, token or secret anywhere. Once the credential works the
 * key ring's retry unwraps the key: ready, and the payload written before unprotects.
 */
class KeyVaultCredentialFailureTest {

    static final String SECRET = "client-secret-value-that-must-not-leak";
    static final SharedFakeVault.Handle VAULT = SharedFakeVault.get("credential-failure", (vault, functions) -> {
        vault.keys().create("dp");
        Path directory = ring(vault);
        vault.tokens().refuse(true);
        functions.put("directory", ignored -> directory.toString());
        functions.put("heal", SharedFakeVault.action(ignored -> vault.tokens().refuse(false)));
    });

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SharedFakeVault.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "file")
            .overrideConfigKey("quarkus.data-protection.file.directory", VAULT.call("directory", null))
            .overrideConfigKey("quarkus.data-protection.application-name", "joining")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault-key")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url", VAULT.vaultUrl())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.key-name", "dp")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.tenant-id", FakeKeyVaultServer.TENANT)
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.client-id", "joining-app")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.client-secret", SECRET)
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.authority-host", VAULT.vaultUrl())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-path", VAULT.trustStore())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-password", "trust")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.challenge-resource-verification",
                    "false");

    @Inject
    DataProtectionProvider provider;

    @Inject
    MeterRegistry registry;

    @Test
    void refusedCredential_notReadyWithTheCredentialMessage_thenReadyOnceItWorks() throws Exception {
        // the key ring is read in the background at start: look at readiness once that read is done
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        String check = "checks.find { it.name == 'data-protection' }";
        String body = when().get("/q/health/ready").then().statusCode(503)
                .body(check + ".status", equalTo("DOWN"))
                .body(check + ".data.reason", allOf(containsString("Azure credential failed for vault "
                        + VAULT.vaultUrl() + ": " + FakeTokenEndpoint.REFUSAL + " — check the tenant id "
                        + FakeKeyVaultServer.TENANT + ", the client id joining-app and the client secret")))
                .body(check + ".data.key-encryption-error", containsString("Azure credential failed for vault"))
                .extract().asString();
        assertThat(body).doesNotContain("NullPointerException").doesNotContain(SECRET)
                .doesNotContain(FakeKeyVaultServer.TOKEN);
        assertThat(registry.get("data_protection.key_vault.calls").tag("operation", "unwrap_key")
                .tag("outcome", "credential_failure").counter().count()).isGreaterThanOrEqualTo(1);

        VAULT.call("heal", null);
        Instant deadline = Instant.now().plusSeconds(60);
        while (when().get("/q/health/ready").statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        when().get("/q/health/ready").then().statusCode(200).body(check + ".data.key-encryption-error", nullValue());
        assertThat(provider.createProtector("p").unprotect(Files.readString(Path.of(VAULT.<String> call("directory", null))
                .resolveSibling("payload.txt")))).isEqualTo("written before");
    }

    /** A ring of one key wrapped by the vault's key, and a payload under it, written by another instance. */
    private static Path ring(FakeKeyVaultServer vault) {
        try {
            Path directory = Files.createTempDirectory("joining-ring").resolve("keys");
            AzureKeyVaultKeyEncryption keyWrap = AzureKeyVaultKeyEncryption.builder(vault.vaultUrl(), "dp")
                    .credential(vault.credential()).httpClient(vault.httpClient()).disableChallengeResourceVerification()
                    .build();
            try (DataProtectionProvider writer = DataProtectionProvider.builder().applicationName("joining")
                    .repository(new FileSystemXmlRepository(directory)).keyEncryptor(keyWrap.encryptor())
                    .addKeyDecryptor(keyWrap.decryptor()).backgroundRefresh(false).build()) {
                Files.writeString(directory.resolveSibling("payload.txt"),
                        writer.createProtector("p").protect("written before"));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
