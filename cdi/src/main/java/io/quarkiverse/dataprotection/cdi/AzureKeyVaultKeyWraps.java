package io.quarkiverse.dataprotection.cdi;

import static io.quarkiverse.dataprotection.cdi.AzureKeyVaultSources.GROUP;
import static io.quarkiverse.dataprotection.cdi.AzureKeyVaultSources.required;

import java.util.List;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryption;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryptionBuilder;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultKeyId;
import io.quarkiverse.dataprotection.cdi.KeyEncryptionConfig.AzureKeyVault;

/**
 * {@code key-encryption.type=azure-key-vault-key}: master keys wrapped with the Key Vault key
 * {@code {vault-url}/keys/{key-name}[/{key-version}]}, as ASP.NET Core's {@code ProtectKeysWithAzureKeyVault} and as
 * the Quarkus extension configures it, on the JDK's HTTP client. With {@code key-name} set under another type, the
 * key still unwraps the keys it wrapped (checked by {@link KeyEncryptions}, which loads without the SDK). Touches the Azure SDK
 * ({@link OptionalModule#AZURE_KEY_VAULT_KEY} is checked
 * before it loads). No network traffic here: Key Vault is called when a key is created or first read.
 * <p>
 * Stateless.
 */
final class AzureKeyVaultKeyWraps {

    static final String TYPE = "azure-key-vault-key";
    private static final String WITH_TYPE = "it is required when " + ConfigErrors.PREFIX + "key-encryption.type="
            + TYPE + "; ";

    private AzureKeyVaultKeyWraps() {
    }

    /**
     * @throws IllegalArgumentException naming the property to fix
     */
    static StartedKeyEncryption.KeyWrap create(AzureKeyVault config, ApplicationBeans beans) {
        String vaultUrl = required(config.vaultUrl(), "vault-url", WITH_TYPE + "set it to the vault's URL, e.g. "
                + "https://my-vault.vault.azure.net");
        String name = required(config.keyName(), "key-name", WITH_TYPE + "set it to the name of the RSA key in Key "
                + "Vault that wraps the data protection keys");
        KeyVaultKeyId key = keyId(vaultUrl, name, config.keyVersion().filter(v -> !v.isBlank()).orElse(null));
        AzureKeyVaultKeyEncryptionBuilder builder = AzureKeyVaultKeyEncryption.builder(key.toString());
        for (String allowed : config.allowedKeys().orElse(List.of())) {
            try {
                builder.allowKey(allowed);
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalid(GROUP + "allowed-keys", allowed, e.getMessage());
            }
        }
        try {
            AzureKeyVaultSources.apply(config, builder, beans);
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, ConfigErrors.AZURE_KEY_VAULT);
        }
        AzureKeyVaultKeyEncryption encryption = builder.build();
        return new StartedKeyEncryption.KeyWrap(encryption.encryptor(), encryption.decryptor());
    }

    /** The key identifier, each part checked on its own so that the error names the property to fix. */
    private static KeyVaultKeyId keyId(String vaultUrl, String name, String version) {
        String property = "vault-url";
        String value = vaultUrl;
        try {
            KeyVaultKeyId.of(vaultUrl, "key", null);
            property = "key-name";
            value = name;
            KeyVaultKeyId.of(vaultUrl, name, null);
            property = "key-version";
            value = version;
            return KeyVaultKeyId.of(vaultUrl, name, version);
        } catch (IllegalArgumentException e) {
            throw ConfigErrors.invalid(GROUP + property, value, e.getMessage());
        }
    }
}
