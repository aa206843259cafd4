package io.quarkiverse.dataprotection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.spi.DataProtectionProviderFactory;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * Builds a {@link DataProtectionProvider}. Only the key store is required. A setting that breaks a rule throws
 * {@link InvalidSettingException} naming the builder method.
 * <p>
 * Not thread-safe: configure it on one thread, then call {@link #build()}.
 */
public final class DataProtectionProviderBuilder {

    /** Default period between two reads of the key store. */
    public static final Duration DEFAULT_REFRESH_PERIOD = Duration.ofMinutes(5);
    /** Default minimum interval between two refreshes caused by payloads under unknown keys. */
    public static final Duration DEFAULT_UNKNOWN_KEY_REFRESH_INTERVAL = Duration.ofSeconds(2);
    /** Default bound on how long a payload under an unknown key waits for the read in flight. */
    public static final Duration DEFAULT_UNKNOWN_KEY_WAIT = Duration.ofSeconds(1);
    /** Default period of the cheap version check of stores that have one (Redis, file system). */
    public static final Duration DEFAULT_CHANGE_POLL_PERIOD = Duration.ofSeconds(1);

    String applicationName;
    XmlRepository repository;
    KeyEncryptor keyEncryptor;
    final List<KeyDecryptor> keyDecryptors = new ArrayList<>();
    KeyPolicy keyPolicy = KeyPolicy.DEFAULT;
    AlgorithmConfiguration algorithms = AlgorithmConfiguration.DEFAULT;
    Clock clock = Clock.systemUTC();
    RandomSource randomSource;
    Duration refreshPeriod = DEFAULT_REFRESH_PERIOD;
    Duration unknownKeyRefreshInterval = DEFAULT_UNKNOWN_KEY_REFRESH_INTERVAL;
    Duration unknownKeyWait = DEFAULT_UNKNOWN_KEY_WAIT;
    boolean autoGenerateKeys = true;
    boolean restoreLostKeys = true;
    boolean backgroundRefresh = true;
    Duration changePollPeriod = DEFAULT_CHANGE_POLL_PERIOD;
    Duration keyRetention;
    DataProtectionListener listener = DataProtectionListener.NONE;
    boolean firstReadInBackground;
    CompletionStage<?> firstReadSignal;

    DataProtectionProviderBuilder() {
    }

    /**
     * The application name, the root of every purpose chain (ASP.NET's {@code SetApplicationName}). Two applications
     * sharing a key ring read each other's payloads only when their names are equal.
     */
    public DataProtectionProviderBuilder applicationName(String applicationName) {
        this.applicationName = applicationName;
        return this;
    }

    /**
     * Where the key ring's XML is stored (ASP.NET's {@code IXmlRepository}): a
     * {@link io.quarkiverse.dataprotection.store.FileSystemXmlRepository}, a Redis or database repository, or your
     * own. Required.
     */
    public DataProtectionProviderBuilder repository(XmlRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
        return this;
    }

    /** Encrypts new master keys at rest; without one they are stored unencrypted (a warning is logged). */
    public DataProtectionProviderBuilder keyEncryptor(KeyEncryptor keyEncryptor) {
        this.keyEncryptor = keyEncryptor;
        return this;
    }

    /** Adds a decryptor for master keys encrypted at rest; several may be added (e.g. one per old certificate). */
    public DataProtectionProviderBuilder addKeyDecryptor(KeyDecryptor keyDecryptor) {
        keyDecryptors.add(Objects.requireNonNull(keyDecryptor, "keyDecryptor"));
        return this;
    }

    /** How long a new key protects; at least 7 days, default 90. */
    public DataProtectionProviderBuilder keyLifetime(Duration keyLifetime) {
        this.keyPolicy = keyPolicy.withKeyLifetime(keyLifetime);
        return this;
    }

    /** The whole key policy (lifetime, propagation window, clock skew). */
    public DataProtectionProviderBuilder keyPolicy(KeyPolicy keyPolicy) {
        this.keyPolicy = Objects.requireNonNull(keyPolicy, "keyPolicy");
        return this;
    }

    /** The algorithms of new keys; default AES-256-CBC + HMAC-SHA256. */
    public DataProtectionProviderBuilder algorithms(AlgorithmConfiguration algorithms) {
        this.algorithms = Objects.requireNonNull(algorithms, "algorithms");
        return this;
    }

    /** The clock for key dates and time-limited payloads; default UTC system clock. */
    public DataProtectionProviderBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The source of randomness; default {@link RandomSource#secure()} made at build time (a few DRBG generators, so that
     * concurrent protects do not queue for one).
     */
    public DataProtectionProviderBuilder randomSource(RandomSource randomSource) {
        this.randomSource = Objects.requireNonNull(randomSource, "randomSource");
        return this;
    }

    /** How often the key ring is read again from the store; default 5 minutes. */
    public DataProtectionProviderBuilder refreshPeriod(Duration refreshPeriod) {
        this.refreshPeriod = InvalidSettingException.requirePositive("refreshPeriod", refreshPeriod, "PT5M");
        return this;
    }

    /**
     * The minimum interval between reads of the store caused by payloads under unknown keys (anyone can forge them);
     * default 2 seconds, must be positive. Such reads are single-flight: one at a time, however many payloads arrive.
     */
    public DataProtectionProviderBuilder unknownKeyRefreshInterval(Duration interval) {
        this.unknownKeyRefreshInterval = InvalidSettingException.requirePositive("unknownKeyRefreshInterval", interval,
                "PT2S");
        return this;
    }

    /**
     * How long a payload under an unknown key waits for the read of the store in flight before it fails with "key
     * not found"; default 1 second, must be positive. Payloads under known keys never wait for that read. With
     * {@link #backgroundRefresh(boolean) background refresh} off, the caller that starts the read runs it and waits
     * for all of it.
     */
    public DataProtectionProviderBuilder unknownKeyWait(Duration wait) {
        this.unknownKeyWait = InvalidSettingException.requirePositive("unknownKeyWait", wait, "PT1S");
        return this;
    }

    /** Whether keys are created automatically when needed (default {@code true}), as ASP.NET's {@code AutoGenerateKeys}. */
    public DataProtectionProviderBuilder autoGenerateKeys(boolean autoGenerateKeys) {
        this.autoGenerateKeys = autoGenerateKeys;
        return this;
    }

    /**
     * Whether elements the key store lost (a Redis restarted without persistence, a deleted key directory) are
     * appended again from this provider's last read, exactly as read, in one compare-and-set (default {@code true}),
     * so the ring returns to what it was and no key is created. With {@code false}, a store that reads empty after keys
     * were seen is a fault (not ready, serving cached keys, creating none) until
     * {@link io.quarkiverse.dataprotection.keys.KeyManager#acceptEmptyStore()}.
     */
    public DataProtectionProviderBuilder restoreLostKeys(boolean restoreLostKeys) {
        this.restoreLostKeys = restoreLostKeys;
        return this;
    }

    /**
     * Whether a background thread refreshes the ring every refresh period (default {@code true}); without it the
     * ring is refreshed on use once the period has passed.
     */
    public DataProtectionProviderBuilder backgroundRefresh(boolean backgroundRefresh) {
        this.backgroundRefresh = backgroundRefresh;
        return this;
    }

    /**
     * Whether {@link #build()} leaves the first read of the store to the background refresh thread (default
     * {@code false}: build() reads the store before it returns). With {@code true} the provider is returned at once,
     * so a slow or remote store does not delay the application's start; until that read is done
     * {@link KeyRingStatus#starting()} is true and the status is not ready, protect and unprotect wait for the read,
     * and {@link DataProtectionProvider#awaitFirstRead(Duration)} waits for it with a bound. Without
     * {@link #backgroundRefresh(boolean) background refresh} the first read always happens in build().
     */
    public DataProtectionProviderBuilder firstReadInBackground(boolean firstReadInBackground) {
        this.firstReadInBackground = firstReadInBackground;
        return this;
    }

    /**
     * With {@link #firstReadInBackground(boolean) the first read in the background}: starts that read when
     * {@code signal} completes, normally or not, instead of at once; by default it starts at once. A framework passes
     * "the application has started", so the read does not compete for the CPU with the rest of the start-up. A caller
     * that needs the ring never waits for the signal: a protect, an unprotect, the key manager or
     * {@link DataProtectionProvider#awaitFirstRead(Duration)} arriving first starts the read itself.
     */
    public DataProtectionProviderBuilder firstReadAfter(CompletionStage<?> signal) {
        this.firstReadSignal = Objects.requireNonNull(signal, "signal");
        return this;
    }

    /**
     * How often the store's version is checked, for stores that have one, so changes made by other instances are
     * seen within about this period; default 1 second. Only with background refresh.
     */
    public DataProtectionProviderBuilder changePollPeriod(Duration changePollPeriod) {
        this.changePollPeriod = InvalidSettingException.requirePositive("changePollPeriod", changePollPeriod, "PT1S");
        return this;
    }

    /**
     * Deletes keys that expired longer than {@code retention} ago (checked by the background refresh). Off by
     * default, as in ASP.NET: data protected with a deleted key can never be unprotected again.
     */
    public DataProtectionProviderBuilder keyRetention(Duration retention) {
        this.keyRetention = InvalidSettingException.requirePositive("keyRetention", retention,
                "P365D; leave it unset to keep expired keys for ever");
        return this;
    }

    /** Hears every operation and refresh, e.g. to count them as metrics. */
    public DataProtectionProviderBuilder listener(DataProtectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Builds the provider. It reads the key ring at once (or on the background thread, see
     * {@link #firstReadInBackground(boolean)}); if the store cannot be read it starts anyway and reports not ready
     * until a refresh succeeds.
     *
     * @throws IllegalStateException when no repository was set
     */
    public DataProtectionProvider build() {
        if (repository == null) {
            throw new IllegalStateException("No key repository set: call repository(...) with a "
                    + "FileSystemXmlRepository, an InMemoryXmlRepository, a RedisXmlRepository or your own XmlRepository");
        }
        return Factory.INSTANCE.create(settings());
    }

    /** What this builder collected, as the implementation receives it. */
    public DataProtectionSettings settings() {
        return new DataProtectionSettings(applicationName, repository, keyEncryptor, keyDecryptors, keyPolicy,
                algorithms, clock, randomSource, refreshPeriod, unknownKeyRefreshInterval, unknownKeyWait,
                autoGenerateKeys, restoreLostKeys, backgroundRefresh ? changePollPeriod : null, keyRetention, listener,
                backgroundRefresh && firstReadInBackground,
                backgroundRefresh && firstReadInBackground ? firstReadSignal : null);
    }

    /** The implementation, found once through {@link ServiceLoader} (the API never names it). */
    private static final class Factory {
        static final DataProtectionProviderFactory INSTANCE = ServiceLoader
                .load(DataProtectionProviderFactory.class, DataProtectionProviderBuilder.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("No " + DataProtectionProviderFactory.class
                        .getName() + " on the class path: the data-protection-core jar is incomplete (its "
                        + "META-INF/services entry is missing, e.g. after shading without merging service files)"));
    }
}
