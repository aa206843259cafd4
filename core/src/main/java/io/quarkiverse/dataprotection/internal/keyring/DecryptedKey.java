package io.quarkiverse.dataprotection.internal.keyring;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

import io.quarkiverse.dataprotection.internal.crypto.AuthenticatedEncryptors;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * A key decrypted from one stored element, with a SHA-256 fingerprint of its master key and algorithms so that two
 * elements with the same id can be compared without keeping another copy of the secret. The fingerprint never leaves
 * this class.
 * <p>
 * Immutable and safe for concurrent use.
 */
final class DecryptedKey {

    private final Key key;
    private final byte[] fingerprint;
    private final int masterKeyBits;

    private DecryptedKey(Key key, byte[] fingerprint, int masterKeyBits) {
        this.key = key;
        this.fingerprint = fingerprint;
        this.masterKeyBits = masterKeyBits;
    }

    static DecryptedKey of(KeyElement element, KeyXml.KeyMaterial material, RandomSource random) {
        Key key = Key.usable(element.id(), element.creationDate(), element.activationDate(), element.expirationDate(),
                material.algorithms(), AuthenticatedEncryptors.create(material.algorithms(), material.masterKey(), random));
        byte[] secret = material.masterKey().exposeSecretBytes();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(material.algorithms().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(secret);
            return new DecryptedKey(key, digest.digest(), material.masterKey().length() * 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        } finally {
            io.quarkiverse.dataprotection.internal.crypto.Secret.wipe(secret);
        }
    }

    Key key() {
        return key;
    }

    int masterKeyBits() {
        return masterKeyBits;
    }

    /** Whether the master key is shorter than the 512 bits ASP.NET Core and this library create. */
    boolean isShort() {
        return masterKeyBits < KeyRingReader.EXPECTED_MASTER_KEY_BYTES * 8;
    }

    /** Whether {@code other} holds the same master key, algorithms and dates. */
    boolean sameKeyAs(DecryptedKey other) {
        return MessageDigest.isEqual(fingerprint, other.fingerprint)
                && key.creationDate().equals(other.key.creationDate())
                && key.activationDate().equals(other.key.activationDate())
                && key.expirationDate().equals(other.key.expirationDate())
                && Objects.equals(key.algorithms(), other.key.algorithms());
    }
}
