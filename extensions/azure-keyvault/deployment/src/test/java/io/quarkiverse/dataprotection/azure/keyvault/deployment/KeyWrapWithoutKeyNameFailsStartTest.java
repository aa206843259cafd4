package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class KeyWrapWithoutKeyNameFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault-key")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url",
                    "https://example.vault.azure.net")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Missing quarkus.data-protection.key-encryption.azure-key-vault.key-name: it is required "
                            + "when quarkus.data-protection.key-encryption.type=azure-key-vault-key; set it to the name "
                            + "of the RSA key in Key Vault that wraps the data protection keys"));

    @Test
    void keyWrapWithoutKeyName_failsStartNamingTheProperty() {
        // assertException checks the failure
    }
}
