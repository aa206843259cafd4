package io.quarkiverse.dataprotection.runtime.devui;

import java.util.List;

/**
 * The key ring's status as the Dev UI shows it; no key material. Dates are ISO-8601 instants or {@code null}.
 *
 * @param ready whether the ring has a usable default key and no fault
 * @param store the key store's description
 * @param keyEncryption the configured key encryption ({@code none}, {@code certificate}, ...)
 * @param applicationName the application name at the root of every purpose chain, or {@code null}
 * @param keyCount how many keys the ring holds
 * @param defaultKeyId the default key, or {@code null}
 * @param defaultKeyExpiration when the default key expires
 * @param nextKeyActivation when its successor activates
 * @param lastRefresh when the ring was last read from the store
 * @param lastRefreshError why the last read failed, when it did
 * @param fault what makes the ring untrustworthy, if anything
 * @param keyCreationBlocked why a key the policy asks for is not created, if so
 * @param warnings what an operator should look at
 * @param unusableKeys a line per key that cannot be used
 * @param purposes every {@code @Protector} purpose chain found at build time
 */
public record RingStatus(boolean ready, String store, String keyEncryption, String applicationName, int keyCount,
        String defaultKeyId, String defaultKeyExpiration, String nextKeyActivation, String lastRefresh,
        String lastRefreshError, String fault, String keyCreationBlocked, List<String> warnings,
        List<String> unusableKeys, List<String> purposes) {
}
