package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.Objects;

import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * Wraps master keys with an Azure Key Vault key as ASP.NET Core's {@code ProtectKeysWithAzureKeyVault} does
 * (Azure's {@code AzureKeyVaultXmlEncryptor}), so that .NET applications and this library read each other's keys: a
 * fresh AES-128 content key and IV per master key, the {@code <masterKey>} element encrypted with them, and the content
 * key wrapped by Key Vault's {@code wrapKey} with {@code RSA-OAEP} on the configured key (its newest version unless
 * one is pinned). The format is {@link KeyWrapFormat}'s; the decryptor type recorded is
 * {@code Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor}.
 * <p>
 * Key Vault is called once per key created, never when keys are read or used. Failures throw a
 * {@link io.quarkiverse.dataprotection.DataProtectionException} whose message names the vault, the key, the HTTP
 * status and the role to grant ({@code Key Vault Crypto User}), or the credential's failure. Thread-safe.
 */
public final class AzureKeyVaultXmlEncryptor implements KeyEncryptor {

    private final KeyVaultKeys keys;
    private final RandomSource random;

    AzureKeyVaultXmlEncryptor(KeyVaultKeys keys, RandomSource random) {
        this.keys = keys;
        this.random = random;
    }

    /** The assembly-qualified .NET type name recorded as {@code decryptorType}. */
    public static String decryptorType() {
        return KeyWrapFormat.DECRYPTOR_TYPE;
    }

    @Override
    public EncryptedXmlInfo encrypt(Element plaintextElement) {
        Objects.requireNonNull(plaintextElement, "plaintextElement");
        return new EncryptedXmlInfo(KeyWrapFormat.encrypt(plaintextElement, random, keys::wrap),
                KeyWrapFormat.DECRYPTOR_TYPE);
    }

    /**
     * Whether {@code encryptedElement} is wrapped by the version of the configured key that wraps now (for a
     * versionless key, its newest version, read from Key Vault at most once a minute). Certificate-encrypted keys and
     * keys under an older version are not current, so re-encryption moves them under it.
     */
    @Override
    public boolean isCurrent(Element encryptedElement) {
        KeyVaultKeyId kid;
        try {
            kid = KeyVaultKeyId.parse(KeyWrapFormat.parse(encryptedElement).kid());
        } catch (KeyDecryptionException | IllegalArgumentException notKeyWrap) {
            return false;
        }
        return kid.equals(keys.currentKey());
    }

    @Override
    public String description() {
        return "Azure Key Vault key " + keys.key() + (keys.key().version().isPresent() ? "" : " (newest version)");
    }

    @Override
    public String toString() {
        return "AzureKeyVaultXmlEncryptor[" + keys.key() + "]";
    }
}
