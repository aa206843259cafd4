package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

/** key-encryption.type=azure-key-vault-key without the Azure extension fails the start naming the artifact to add. */
class AzureKeyWrapWithoutItsExtensionFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault-key")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.key-encryption.type=azure-key-vault-key")
                    .contains("io.quarkiverse.dataprotection:quarkus-data-protection-azure-keyvault"));

    @Test
    void azureKeyVaultKeyTypeWithoutTheExtension_failsTheStartNamingTheArtifact() {
        // assertException checks the failure
    }
}
