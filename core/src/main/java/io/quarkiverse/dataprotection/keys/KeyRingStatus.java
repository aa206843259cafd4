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
 * @param unusableKeys a line per key that cannot be used (its id and why)
 * @param unreadableElements how many stored elements could not be parsed (reported, never deleted)
 * @param fault a condition that makes the ring untrustworthy although it may still serve from cache (such as a
 *        store that suddenly reads empty); the application should not be considered ready while it holds
 */
public record KeyRingStatus(String store, int keyCount, Optional<UUID> defaultKeyId,
        Optional<Instant> defaultKeyExpiration, Optional<Instant> nextKeyActivation,
        Optional<Instant> lastSuccessfulRefresh, Optional<String> lastRefreshError, List<String> unusableKeys,
        int unreadableElements, Optional<String> fault) {

    /** Whether the ring is healthy: there is a usable default key and no {@linkplain #fault() fault}. */
    public boolean isReady() {
        return defaultKeyId.isPresent() && fault.isEmpty();
    }
}
