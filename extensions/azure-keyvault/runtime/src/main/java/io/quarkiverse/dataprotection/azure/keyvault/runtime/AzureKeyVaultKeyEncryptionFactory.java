package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import static io.quarkiverse.dataprotection.azure.keyvault.runtime.KeyVaultClientSettings.PROPERTY;
import static io.quarkiverse.dataprotection.azure.keyvault.runtime.KeyVaultClientSettings.required;

import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryption;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryptionBuilder;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultCallListener;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultKeyId;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkiverse.dataprotection.runtime.spi.KeyEncryptionFactory;
import io.quarkiverse.dataprotection.runtime.spi.OpenedKeyEncryption;
import io.vertx.core.Vertx;

/**
 * {@code key-encryption.type=azure-key-vault-key}: master keys wrapped with the Key Vault key
 * {@code {vault-url}/keys/{key-name}[/{key-version}]}, as ASP.NET Core's {@code ProtectKeysWithAzureKeyVault}, on
 * Quarkus's Vert.x and with the application's {@link TokenCredential} bean when it has one. With {@code key-name} set
 * under another type, the key still unwraps the keys it wrapped.
 */
@Singleton
class AzureKeyVaultKeyEncryptionFactory implements KeyEncryptionFactory {

    static final String TYPE = "azure-key-vault-key";
    private static final String WITH_TYPE = "it is required when " + ConfigErrors.PREFIX + "key-encryption.type="
            + TYPE + "; ";

    private final DataProtectionAzureKeyVaultConfig config;
    private final Instance<Vertx> vertx;
    private final Instance<TokenCredential> credentials;
    private final Instance<KeyVaultCallListener> listeners;

    AzureKeyVaultKeyEncryptionFactory(DataProtectionAzureKeyVaultConfig config, Instance<Vertx> vertx,
            Instance<TokenCredential> credentials, @Any Instance<KeyVaultCallListener> listeners) {
        this.config = config;
        this.vertx = vertx;
        this.credentials = credentials;
        this.listeners = listeners;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean configured() {
        return config.keyName().filter(name -> !name.isBlank()).isPresent();
    }

    @Override
    public OpenedKeyEncryption open() {
        String vaultUrl = required(config.vaultUrl(), "vault-url", WITH_TYPE + "set it to the vault's URL, e.g. "
                + "https://my-vault.vault.azure.net");
        String name = required(config.keyName(), "key-name", WITH_TYPE + "set it to the name of the RSA key in "
                + "Key Vault that wraps the data protection keys");
        KeyVaultKeyId key = keyId(vaultUrl, name, config.keyVersion().filter(v -> !v.isBlank()).orElse(null));
        AzureKeyVaultKeyEncryptionBuilder builder = AzureKeyVaultKeyEncryption.builder(key.toString());
        for (String allowed : config.allowedKeys().orElse(List.of())) {
            try {
                builder.allowKey(allowed);
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalid(PROPERTY + "allowed-keys", allowed, e.getMessage());
            }
        }
        KeyVaultClientSettings.apply(config, builder, vertx.get(), credentials, listeners);
        AzureKeyVaultKeyEncryption encryption = builder.build();
        return new OpenedKeyEncryption(encryption.encryptor(), encryption.decryptor(), encryption::lastFailure, () -> {
        });
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
            throw ConfigErrors.invalid(PROPERTY + property, value, e.getMessage());
        }
    }
}
