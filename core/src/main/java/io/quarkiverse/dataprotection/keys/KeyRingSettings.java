package io.quarkiverse.dataprotection.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.quarkiverse.dataprotection.DataProtectionListener;

/**
 * How a {@link KeyRingProvider} keeps its cached ring fresh.
 *
 * @param policy which key is the default and when to create the next
 * @param clock the time source
 * @param refreshPeriod how often the store is read again
 * @param unknownKeyRefreshInterval the minimum interval between reads caused by payloads under unknown keys
 * @param autoGenerateKeys whether keys are created when the policy asks for one
 * @param changePollPeriod when not {@code null}, a background thread refreshes every refresh period and, for a
 *        versioned store, polls its version this often and listens to its notifications; {@code null}: refresh
 *        only on use
 * @param keyRetention when not {@code null}, keys expired longer than this are deleted by the background refresh
 * @param listener hears every refresh
 */
public record KeyRingSettings(KeyPolicy policy, Clock clock, Duration refreshPeriod, Duration unknownKeyRefreshInterval,
        boolean autoGenerateKeys, Duration changePollPeriod, Duration keyRetention, DataProtectionListener listener) {

    public KeyRingSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(refreshPeriod, "refreshPeriod");
        Objects.requireNonNull(unknownKeyRefreshInterval, "unknownKeyRefreshInterval");
        Objects.requireNonNull(listener, "listener");
    }
}
