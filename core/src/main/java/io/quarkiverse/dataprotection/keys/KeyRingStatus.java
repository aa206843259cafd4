package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A snapshot of the cached key ring for health checks and metrics. Reading it never touches the key store. Holds
 * no key material.
 *
 * @param store the key store's description
 * @param keyCount how many keys the ring holds (usable or not)
 * @param defaultKeyId the key new payloads are protected with, if any
 * @param defaultKeyExpiration when the default key expires, if any
 * @param nextKeyActivation when the next key (the default key's successor) activates, if one exists
 * @param lastSuccessfulRefresh when the ring was last read from the store, if ever
 * @param lastRefreshError the message of the last failed refresh, when the last refresh failed
 * @param unusableKeys a line per key that cannot be used (its id and why): its secret failed to decrypt (see
 *        {@link Key.SecretState#FAILED}; it is tried again after a backoff) or its stored copies conflict
 * @param unreadableElements how many stored elements could not be parsed (reported, never deleted)
 * @param fault a condition that makes the ring untrustworthy although it may still serve from cache (such as a
 *        store that suddenly reads empty with lost-key restoration off); the application should not be considered
 *        ready while it holds
 * @param warnings what an operator should look at while the ring serves: skipped elements, duplicate key ids,
 *        master keys shorter than 512 bits (by key id, element position or file name; never content)
 * @param keyCreationBlocked why a key the policy asks for is not created (an existing key that would be the default
 *        or its successor cannot be decrypted), if that is so
 * @param lastKeyLoss the last time the store was found to have lost elements this instance had read, if ever
 * @param decryptedKeys how many keys have their master key decrypted ({@link Key.SecretState#DECRYPTED}): the default
 *        key, its due successor and the keys payloads named
 * @param encryptedKeys how many keys are not decrypted yet ({@link Key.SecretState#ENCRYPTED}): each is decrypted when
 *        first used; {@code keyCount} is these two plus the unusable keys
 * @param starting whether the first read of the store has not finished yet (the provider was built with its first
 *        read in the background): the ring is empty meanwhile and the status is not ready
 */
public record KeyRingStatus(String store, int keyCount, Optional<UUID> defaultKeyId,
        Optional<Instant> defaultKeyExpiration, Optional<Instant> nextKeyActivation,
        Optional<Instant> lastSuccessfulRefresh, Optional<String> lastRefreshError, List<String> unusableKeys,
        int unreadableElements, Optional<String> fault, List<String> warnings, Optional<String> keyCreationBlocked,
        Optional<Loss> lastKeyLoss, int decryptedKeys, int encryptedKeys, boolean starting) {

    public KeyRingStatus {
        unusableKeys = List.copyOf(unusableKeys);
        warnings = List.copyOf(warnings);
    }

    /** A status without the counts of decrypted and encrypted keys (as before keys were decrypted on first use). */
    public KeyRingStatus(String store, int keyCount, Optional<UUID> defaultKeyId,
            Optional<Instant> defaultKeyExpiration, Optional<Instant> nextKeyActivation,
            Optional<Instant> lastSuccessfulRefresh, Optional<String> lastRefreshError, List<String> unusableKeys,
            int unreadableElements, Optional<String> fault, List<String> warnings, Optional<String> keyCreationBlocked,
            Optional<Loss> lastKeyLoss) {
        this(store, keyCount, defaultKeyId, defaultKeyExpiration, nextKeyActivation, lastSuccessfulRefresh,
                lastRefreshError, unusableKeys, unreadableElements, fault, warnings, keyCreationBlocked, lastKeyLoss,
                keyCount - unusableKeys.size(), 0, false);
    }

    /**
     * The store lost elements this instance had read.
     *
     * @param detectedAt when this instance noticed
     * @param lostElements how many of the elements it had read were missing
     * @param restoredElements how many this instance appended again (0 when another instance restored them first)
     */
    public record Loss(Instant detectedAt, int lostElements, int restoredElements) {
    }

    /**
     * Whether the ring is healthy: the first read is done, there is a usable default key and no
     * {@linkplain #fault() fault}.
     */
    public boolean isReady() {
        return !starting && defaultKeyId.isPresent() && fault.isEmpty();
    }
}
