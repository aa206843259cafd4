package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.List;
import java.util.Optional;

import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * Master keys wrapped with an Azure Key Vault key, as ASP.NET Core's {@code ProtectKeysWithAzureKeyVault(keyId,
 * credential)}: the {@link #encryptor()} and {@link #decryptor()} to give a provider builder, sharing one set of
 * Key Vault clients.
 *
 * <pre>
 * AzureKeyVaultKeyEncryption keyVault = AzureKeyVaultKeyEncryption
 *         .builder("https://my-vault.vault.azure.net/keys/data-protection") // DefaultAzureCredential
 *         .build();
 * DataProtectionProvider provider = DataProtectionProvider.builder()
 *         .repository(store)
 *         .keyEncryptor(keyVault.encryptor())
 *         .addKeyDecryptor(keyVault.decryptor())
 *         .build();
 * </pre>
 *
 * Key Vault is called when a key is created (wrap) and when a stored key is first read by this process (unwrap),
 * never per protect or unprotect. The identity needs {@code wrapKey} and {@code unwrapKey} on the key (RBAC role
 * {@code Key Vault Crypto User}). Thread-safe.
 */
public final class AzureKeyVaultKeyEncryption {

    private final KeyVaultKeys keys;
    private final AzureKeyVaultXmlEncryptor encryptor;
    private final AzureKeyVaultXmlDecryptor decryptor;

    AzureKeyVaultKeyEncryption(KeyVaultKeyId key, KeyVaultClientOptions options, List<KeyVaultKeyId> allowed) {
        this.keys = new KeyVaultKeys(key, options);
        this.encryptor = new AzureKeyVaultXmlEncryptor(keys, RandomSource.secure());
        this.decryptor = new AzureKeyVaultXmlDecryptor(keys, allowed);
    }

    /**
     * @param keyIdentifier {@code https://{vault}/keys/{name}} (wraps with the newest version) or
     *        {@code https://{vault}/keys/{name}/{version}} (pinned), as ASP.NET's {@code keyIdentifier}
     * @throws IllegalArgumentException stating the expected form
     */
    public static AzureKeyVaultKeyEncryptionBuilder builder(String keyIdentifier) {
        return new AzureKeyVaultKeyEncryptionBuilder(KeyVaultKeyId.parse(keyIdentifier));
    }

    /** The key {@code keyName} of the vault at {@code vaultUrl} (e.g. {@code https://my-vault.vault.azure.net}). */
    public static AzureKeyVaultKeyEncryptionBuilder builder(String vaultUrl, String keyName) {
        return new AzureKeyVaultKeyEncryptionBuilder(KeyVaultKeyId.of(vaultUrl, keyName, null));
    }

    /** Wraps new master keys; give it to {@code DataProtectionProviderBuilder.keyEncryptor}. */
    public AzureKeyVaultXmlEncryptor encryptor() {
        return encryptor;
    }

    /** Unwraps stored master keys; give it to {@code DataProtectionProviderBuilder.addKeyDecryptor}. */
    public AzureKeyVaultXmlDecryptor decryptor() {
        return decryptor;
    }

    /** The configured key. */
    public KeyVaultKeyId keyId() {
        return keys.key();
    }

    /**
     * Why the last Key Vault call failed (the same text as the exception and the log), until a call succeeds; for
     * health checks. Never a token or key material.
     */
    public Optional<String> lastFailure() {
        return keys.lastFailure();
    }
}
