package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class KeyVaultWithoutVaultUrlFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.certificate-name", "dp")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Missing quarkus.data-protection.key-encryption.azure-key-vault.vault-url: it is "
                            + "required when quarkus.data-protection.key-encryption.type=azure-key-vault"));

    @Test
    void keyVaultWithoutVaultUrl_failsStartNamingTheProperty() {
        // assertException checks the failure
    }
}
