package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class KeyWrapInvalidKeyNameFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault-key")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url",
                    "https://example.vault.azure.net")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.key-name", "data_protection")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Invalid quarkus.data-protection.key-encryption.azure-key-vault.key-name=data_protection: "
                            + "Invalid Key Vault key name 'data_protection': a key name has 1 to 127 letters, digits "
                            + "and dashes"));

    @Test
    void keyNameWithAnUnderscore_failsStartNamingTheRule() {
        // assertException checks the failure
    }
}
