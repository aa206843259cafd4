package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class KeyVaultClientIdWithoutSecretFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url",
                    "https://example.vault.azure.net")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.certificate-name", "dp")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.client-id", "app-id")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.key-encryption.azure-key-vault.client-id=app-id")
                    .contains("managed-identity-client-id"));

    @Test
    void clientIdWithoutSecretOrTokenFile_failsStartNamingTheFix() {
        // assertException checks the failure
    }
}
