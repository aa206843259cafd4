package io.quarkiverse.dataprotection;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * Everything a {@link DataProtectionProviderBuilder} collected, as the implementation behind
 * {@link DataProtectionProvider#builder()} receives it. Each value is described on the builder method of the same
 * name.
 * <p>
 * Immutable (the decryptor list is copied).
 *
 * @param applicationName the root of every purpose chain, or {@code null}
 * @param repository where the key ring's XML is stored
 * @param keyEncryptor encrypts new master keys at rest, or {@code null} to store them unencrypted
 * @param keyDecryptors decrypt stored master keys
 * @param keyPolicy key lifetime, propagation window, clock skew
 * @param algorithms the algorithms of new keys
 * @param clock the time source
 * @param randomSource the source of randomness, or {@code null} for the default
 * @param refreshPeriod how often the store is read again
 * @param unknownKeyRefreshInterval the minimum interval between reads for payloads under unknown keys
 * @param unknownKeyWait how long such a payload waits for the read in flight
 * @param autoGenerateKeys whether keys are created when needed
 * @param restoreLostKeys whether elements the store lost are appended again
 * @param changePollPeriod the version poll period of the background refresh, or {@code null} without one
 * @param keyRetention how long after expiry keys are deleted, or {@code null} to keep them
 * @param listener hears every operation and refresh
 * @param firstReadInBackground whether the store is read for the first time on the background refresh thread instead
 *        of while the provider is built (only with a background refresh)
 * @param firstReadSignal when that background read starts: once this completes (or a caller needs the ring), or
 *        {@code null} to start it at once
 */
public record DataProtectionSettings(String applicationName, XmlRepository repository, KeyEncryptor keyEncryptor,
        List<KeyDecryptor> keyDecryptors, KeyPolicy keyPolicy, AlgorithmConfiguration algorithms, Clock clock,
        RandomSource randomSource, Duration refreshPeriod, Duration unknownKeyRefreshInterval, Duration unknownKeyWait,
        boolean autoGenerateKeys, boolean restoreLostKeys, Duration changePollPeriod, Duration keyRetention,
        DataProtectionListener listener, boolean firstReadInBackground, CompletionStage<?> firstReadSignal) {

    public DataProtectionSettings {
        Objects.requireNonNull(repository, "repository");
        keyDecryptors = List.copyOf(keyDecryptors);
        Objects.requireNonNull(keyPolicy, "keyPolicy");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(refreshPeriod, "refreshPeriod");
        Objects.requireNonNull(unknownKeyRefreshInterval, "unknownKeyRefreshInterval");
        Objects.requireNonNull(unknownKeyWait, "unknownKeyWait");
        Objects.requireNonNull(listener, "listener");
    }
}
