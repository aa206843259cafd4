package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Instant;
import java.util.List;

import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.keys.KeyResolution;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;

/**
 * The key policy's resolution, with the keys it relies on decrypted first. The policy stays a pure function of
 * {@code (now, keys)}: it counts a key never tried as usable ({@link Key#canEncrypt()}), as ASP.NET's resolver does
 * until it asks the key for its encryptor. So after resolving, the key that will protect (the default key, or the
 * fallback key without one) and, when one is due, the default key's successor are decrypted here; when one of them
 * fails, that key now reads as unusable and the policy resolves again. A failure therefore never mints a key: the
 * policy sees an undecryptable key and reports it ({@link KeyResolution#undecryptableKey()}).
 * <p>
 * This is where start-up and refreshes decrypt, on the refreshing thread, never a request thread: at most the default
 * key, its due successor, and the fallback candidates when those fail.
 * <p>
 * Stateless.
 */
final class DecryptingResolver {

    private DecryptingResolver() {
    }

    /** {@link KeyPolicy#resolve} at {@code now}, re-resolved until the keys it relies on decrypt. */
    static KeyResolution resolve(KeyPolicy policy, Instant now, List<Key> keys) {
        KeyResolution resolution = policy.resolve(now, keys);
        // Each round that does not return turned one more key unusable (for its backoff, at least 1 s), so this ends.
        for (int round = 0; round < keys.size(); round++) {
            if (decrypts(protectingKey(resolution)) && decrypts(dueSuccessor(policy, now, keys, resolution))) {
                return resolution;
            }
            resolution = policy.resolve(now, keys);
        }
        return resolution;
    }

    private static Key protectingKey(KeyResolution resolution) {
        return resolution.defaultKey() != null ? resolution.defaultKey() : resolution.fallbackKey();
    }

    /**
     * The key that becomes the default when the default key expires, when that is soon enough for the policy to look
     * at it (the default key expires within 24 h plus the propagation window), else {@code null}.
     */
    static Key dueSuccessor(KeyPolicy policy, Instant now, List<Key> keys, KeyResolution resolution) {
        Key defaultKey = resolution.defaultKey();
        if (defaultKey == null || !defaultKey.expirationDate()
                .isBefore(now.plus(KeyPolicy.KEY_RING_REFRESH_PERIOD).plus(policy.propagationWindow()))) {
            return null;
        }
        return policy.resolve(defaultKey.expirationDate(), keys).defaultKey();
    }

    /** Whether {@code key} (if any) decrypts now; a key decrypted before answers at once. */
    private static boolean decrypts(Key key) {
        if (key == null) {
            return true;
        }
        try {
            key.encryptor();
            return true;
        } catch (KeyDecryptionException e) {
            return false; // logged by the key's secret; the key now reads as unusable
        }
    }
}
