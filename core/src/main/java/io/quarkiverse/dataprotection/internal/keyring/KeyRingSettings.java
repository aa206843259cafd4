package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.keys.KeyPolicy;

/**
 * How a {@link KeyRingProvider} keeps its cached ring fresh.
 *
 * @param policy which key is the default and when to create the next
 * @param clock the time source
 * @param refreshPeriod how often the store is read again
 * @param unknownKeyRefreshInterval the minimum interval between reads caused by payloads under unknown keys; positive
 * @param unknownKeyWait how long a payload under an unknown key waits for the read in flight before it is reported
 *        as not found; positive
 * @param autoGenerateKeys whether keys are created when the policy asks for one
 * @param restoreLostKeys whether elements the store lost are appended again from the last read (see
 *        {@link KeyRingRefresher}); when {@code false}, an empty store after keys were seen is a fault until
 *        {@link KeyManager#acceptEmptyStore()}
 * @param changePollPeriod when not {@code null}, a background thread refreshes every refresh period and, for a
 *        versioned store, polls its version this often and listens to its notifications; {@code null}: refresh
 *        only on use
 * @param keyRetention when not {@code null}, keys expired longer than this are deleted by the background refresh
 * @param listener hears every refresh
 */
public record KeyRingSettings(KeyPolicy policy, Clock clock, Duration refreshPeriod, Duration unknownKeyRefreshInterval,
        Duration unknownKeyWait, boolean autoGenerateKeys, boolean restoreLostKeys, Duration changePollPeriod,
        Duration keyRetention, DataProtectionListener listener) {

    public KeyRingSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(refreshPeriod, "refreshPeriod");
        Objects.requireNonNull(unknownKeyRefreshInterval, "unknownKeyRefreshInterval");
        Objects.requireNonNull(unknownKeyWait, "unknownKeyWait");
        Objects.requireNonNull(listener, "listener");
        if (unknownKeyRefreshInterval.isNegative() || unknownKeyRefreshInterval.isZero()) {
            throw new IllegalArgumentException("unknownKeyRefreshInterval must be positive, was "
                    + unknownKeyRefreshInterval + " (zero would let every forged payload read the store)");
        }
        if (unknownKeyWait.isNegative() || unknownKeyWait.isZero()) {
            throw new IllegalArgumentException("unknownKeyWait must be positive, was " + unknownKeyWait);
        }
    }
}
