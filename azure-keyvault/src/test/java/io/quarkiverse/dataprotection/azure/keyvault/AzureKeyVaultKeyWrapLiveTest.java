package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Key wrap against a real vault, with {@code DefaultAzureCredential} (Azure CLI login, managed identity, workload
 * identity or the {@code AZURE_CLIENT_ID}/{@code AZURE_TENANT_ID}/{@code AZURE_CLIENT_SECRET} environment variables).
 * Runs only when {@code AZURE_KEYVAULT_URL} and {@code AZURE_KEYVAULT_KEY_NAME} are set; the key must be RSA and the
 * identity needs the role Key Vault Crypto User on it.
 */
@EnabledIfEnvironmentVariable(named = "AZURE_KEYVAULT_URL", matches = "https://.+")
@EnabledIfEnvironmentVariable(named = "AZURE_KEYVAULT_KEY_NAME", matches = ".+")
class AzureKeyVaultKeyWrapLiveTest {

    @Test
    void liveVault_wrapsANewKey_andASecondInstanceUnwrapsItOnce() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        List<String> calls = new ArrayList<>();
        AzureKeyVaultKeyEncryption first = AzureKeyVaultKeyEncryption
                .builder(System.getenv("AZURE_KEYVAULT_URL"), System.getenv("AZURE_KEYVAULT_KEY_NAME")).build();
        AzureKeyVaultKeyEncryption second = AzureKeyVaultKeyEncryption
                .builder(System.getenv("AZURE_KEYVAULT_URL"), System.getenv("AZURE_KEYVAULT_KEY_NAME"))
                .listener((operation, outcome) -> calls.add(operation.tag() + ":" + outcome.tag())).build();

        try (DataProtectionProvider writer = DataProtectionProvider.builder().applicationName("live").repository(store)
                .keyEncryptor(first.encryptor()).addKeyDecryptor(first.decryptor()).backgroundRefresh(false).build();
                DataProtectionProvider reader = DataProtectionProvider.builder().applicationName("live")
                        .repository(store).autoGenerateKeys(false).addKeyDecryptor(second.decryptor())
                        .backgroundRefresh(false).refreshPeriod(Duration.ofHours(1)).build()) {
            DataProtector protector = writer.createProtector("live");
            assertThat(reader.createProtector("live").unprotect(protector.protect("secret"))).isEqualTo("secret");
            reader.refresh();
        }

        assertThat(store.readAll().get(0).xml()).contains("<kid>" + first.keyId().vaultUrl() + "/keys/");
        assertThat(calls).containsExactly("unwrap_key:success");
    }
}
