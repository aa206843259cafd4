package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkiverse.dataprotection.crypto.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.crypto.Secret;
import io.quarkiverse.dataprotection.wrap.KeyDecryptor;
import io.quarkiverse.dataprotection.wrap.KeyEncryptor;

/**
 * Reads and writes key ring XML exactly as ASP.NET Core does ({@code XmlKeyManager}). The parser refuses DTDs and
 * external entities.
 * <p>
 * Thread-safety: stateless; safe for concurrent use.
 */
public final class KeyXml {

    private KeyXml() {
    }

    /**
     * Serializes a new key, without formatting (as ASP.NET's Redis repository stores it). When {@code encryptor}
     * is {@code null} the master key is written unencrypted, with ASP.NET's warning comment.
     */
    public static String writeKey(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, Secret masterKey, KeyEncryptor encryptor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Serializes a revocation of one key, or of all keys created before {@code revocationDate} when {@code keyId} is null. */
    public static String writeRevocation(Instant revocationDate, UUID keyId, String reason) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Parses one stored element.
     *
     * @throws KeyXmlException when it is not a well-formed key or revocation element
     */
    public static KeyRingElement parse(String xml) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Reads a key's descriptor, decrypting its secret with the first of {@code decryptors} that supports the
     * recorded decryptor type.
     *
     * @throws KeyXmlException when the descriptor is malformed or names unknown algorithms
     * @throws io.quarkiverse.dataprotection.wrap.KeyDecryptionException when the secret is encrypted and no decryptor
     *         can decrypt it
     */
    public static KeyMaterial readDescriptor(KeyElement key, List<KeyDecryptor> decryptors) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A key's algorithms and master key.
     *
     * @param algorithms the algorithm pair
     * @param masterKey the master key
     */
    public record KeyMaterial(AlgorithmConfiguration algorithms, Secret masterKey) {
    }
}
