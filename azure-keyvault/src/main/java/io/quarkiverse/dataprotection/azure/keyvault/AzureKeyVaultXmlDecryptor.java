package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;

/**
 * Unwraps what {@link AzureKeyVaultXmlEncryptor} and ASP.NET Core's {@code ProtectKeysWithAzureKeyVault} wrote
 * ({@code decryptorType} {@code Azure.Extensions.AspNetCore.DataProtection.Keys.AzureKeyVaultXmlDecryptor}, or
 * {@code Microsoft.AspNetCore.DataProtection.AzureKeyVault.AzureKeyVaultXmlDecryptor} of the older package; the
 * assembly part is ignored): Key Vault's {@code unwrapKey} with {@code RSA-OAEP} on the key version the element's
 * {@code <kid>} names, then AES-CBC.
 * <p>
 * Unlike ASP.NET, which calls whatever vault the stored {@code kid} names (aspnetcore#7853), a {@code kid} outside the
 * allowed keys (by default the configured key's vault and name, any version) is refused before any call, so that
 * nobody who can write to the key store can make this process send its token elsewhere. The key ring decrypts each
 * stored key once per process and retries failures with a backoff, so Key Vault sees one unwrap per key and process,
 * on the thread that reads the key ring (start and background refreshes). Errors name the vault, the key version,
 * the HTTP status and the role ({@code Key Vault Crypto User}), never key material. Thread-safe.
 */
public final class AzureKeyVaultXmlDecryptor implements KeyDecryptor {

    private final KeyVaultKeys keys;
    private final List<KeyVaultKeyId> allowed;

    AzureKeyVaultXmlDecryptor(KeyVaultKeys keys, List<KeyVaultKeyId> allowed) {
        this.keys = keys;
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public boolean supports(String decryptorTypeName) {
        return KeyWrapFormat.DECRYPTOR_TYPE_NAMES.contains(decryptorTypeName);
    }

    @Override
    public Element decrypt(Element encryptedElement) {
        Objects.requireNonNull(encryptedElement, "encryptedElement");
        KeyWrapFormat.Parts parts = KeyWrapFormat.parse(encryptedElement);
        KeyVaultKeyId kid = allowedKid(parts.kid());
        byte[] contentKey = keys.unwrap(kid, parts.wrappedKey());
        try {
            return KeyWrapFormat.decrypt(parts, contentKey, kid.toString());
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    /** The keys whose wrapped master keys this decryptor unwraps (vault and name; any version). */
    public List<KeyVaultKeyId> allowedKeys() {
        return allowed;
    }

    @Override
    public String toString() {
        return "AzureKeyVaultXmlDecryptor" + allowed;
    }

    private KeyVaultKeyId allowedKid(String text) {
        KeyVaultKeyId kid;
        try {
            kid = KeyVaultKeyId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new KeyDecryptionException("The key's <kid> is not a Key Vault key identifier: " + e.getMessage());
        }
        if (allowed.stream().noneMatch(kid::sameKey)) {
            throw new KeyDecryptionException("The key is wrapped with Azure Key Vault key " + kid.versionless()
                    + ", which is not an allowed key " + allowed + "; it is not called. If that key is yours, add it "
                    + "to the allowed keys");
        }
        return kid;
    }
}
