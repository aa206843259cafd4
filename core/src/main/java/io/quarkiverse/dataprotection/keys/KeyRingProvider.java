package io.quarkiverse.dataprotection.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionListener;

/**
 * Caches the key ring so that protect and unprotect never touch the store on the hot path, and keeps it fresh:
 * a background read every refresh period, a read when the default key's situation changes (expiry, a successor's
 * activation, the propagation window), and a rate-limited read when a payload names an unknown key.
 * <p>
 * It <b>fails closed</b>: a failed read keeps serving the last good ring (re-resolving its default key as time
 * passes) and is reported; a read that comes back empty after keys were seen is treated as a fault; a key is
 * created only right after a successful read showed one is needed.
 * <p>
 * With background refresh, a due refresh is handed to the background thread while the cached default key is still
 * usable (not expired, not revoked), so protect and unprotect never wait for the store; only a ring without a
 * usable default key is read on the caller's thread.
 * <p>
 * Thread-safety: safe for concurrent use; reads of the cached ring are lock-free, and at most one thread at a time
 * reads the store while the others keep using the cached ring.
 */
public final class KeyRingProvider implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyRingProvider.class);
    /** How soon a failed read is retried (capped by the refresh period). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final XmlKeyManager keyManager;
    private final KeyPolicy policy;
    private final Clock clock;
    private final Duration refreshPeriod;
    private final long unknownKeyRefreshNanos;
    private final boolean autoGenerateKeys;
    private final Duration keyRetention;
    private final DataProtectionListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final BackgroundRefresh background;

    private volatile Snapshot snapshot;
    private volatile Instant lastSuccessfulRefresh;
    private volatile String lastRefreshError;
    private volatile int unreadableElements;
    private volatile boolean keysSeen;
    private volatile String fault;
    private volatile long lastUnknownKeyRefresh = System.nanoTime() - Long.MAX_VALUE / 2;

    public KeyRingProvider(XmlKeyManager keyManager, KeyRingSettings settings) {
        this.keyManager = Objects.requireNonNull(keyManager, "keyManager");
        this.policy = settings.policy();
        this.clock = settings.clock();
        this.refreshPeriod = settings.refreshPeriod();
        this.unknownKeyRefreshNanos = settings.unknownKeyRefreshInterval().toNanos();
        this.autoGenerateKeys = settings.autoGenerateKeys();
        this.keyRetention = settings.keyRetention();
        this.listener = settings.listener();
        Duration changePollPeriod = settings.changePollPeriod();
        keyManager.onChange(this::keyManagerChanged);
        background = changePollPeriod == null ? null
                : new BackgroundRefresh(this::backgroundRefresh, refreshPeriod, changePollPeriod, keyManager.store(),
                        () -> snapshot == null ? null : snapshot.version);
    }

    /** The current key ring; reads the store only when the cached ring is due for a refresh. */
    public KeyRing current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && now.isBefore(s.recomputeAt)) {
            return s.ring;
        }
        if (s != null && background != null && stillUsable(s.ring.defaultKey(), now)) {
            // Never make a request thread wait for the store while the cached default key is still good: during an
            // outage that wait is the Redis client's whole timeout-and-retry budget, once per retry interval.
            background.queue();
            return s.ring;
        }
        if (s == null) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return s.ring; // another thread is refreshing: keep serving the cached ring meanwhile
        }
        try {
            s = snapshot;
            if (s == null || !now.isBefore(s.recomputeAt)) {
                refreshLocked(now);
            }
            return snapshot.ring;
        } finally {
            lock.unlock();
        }
    }

    private static boolean stillUsable(Key defaultKey, Instant now) {
        return defaultKey != null && !defaultKey.isRevoked() && now.isBefore(defaultKey.expirationDate());
    }

    /**
     * The key ring after a read of the store prompted by a payload under {@code keyId}, which the cached ring does
     * not know; at most one such read per unknown-key refresh interval.
     */
    public KeyRing refreshForUnknownKey(UUID keyId) {
        KeyRing ring = current();
        if (ring.find(keyId) != null) {
            return ring;
        }
        lock.lock();
        try {
            ring = snapshot.ring;
            long nowNanos = System.nanoTime();
            if (ring.find(keyId) != null || nowNanos - lastUnknownKeyRefresh < unknownKeyRefreshNanos) {
                return ring;
            }
            lastUnknownKeyRefresh = nowNanos;
            LOG.debugf("Payload under unknown key %s: reading the key ring again", keyId);
            refreshLocked(clock.instant());
            return snapshot.ring;
        } finally {
            lock.unlock();
        }
    }

    /** Reads the store now (blocking until any other refresh is done). */
    public KeyRing refresh() {
        lock.lock();
        try {
            refreshLocked(clock.instant());
            return snapshot.ring;
        } finally {
            lock.unlock();
        }
    }

    private void backgroundRefresh() {
        try {
            refresh();
            if (keyRetention != null) {
                deleteExpiredKeys();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure of the background key ring refresh");
        }
    }

    /**
     * Deletes keys expired longer than the retention period (off unless configured, as in ASP.NET). Only in the
     * background, after a successful read, and never the default key.
     */
    private void deleteExpiredKeys() {
        Snapshot s = snapshot;
        if (s == null || lastRefreshError != null) {
            return;
        }
        Instant cutoff = clock.instant().minus(keyRetention);
        Key defaultKey = s.ring.defaultKey();
        boolean due = s.ring.keys().stream().anyMatch(k -> k.expirationDate().isBefore(cutoff) && k != defaultKey);
        if (due) {
            int deleted = keyManager.deleteKeys(k -> k.expirationDate().isBefore(cutoff)
                    && (defaultKey == null || !k.id().equals(defaultKey.id())));
            LOG.infof("Retention: deleted %d key(s) expired before %s", deleted, cutoff);
        }
    }

    /**
     * Accepts that the key store was emptied on purpose: the fail-closed guard is lifted and the next read may
     * create a key. For operators, after they have checked why the store is empty.
     */
    public KeyRing acceptEmptyStore() {
        keysSeen = false;
        fault = null;
        LOG.warnf("Operator accepted an empty key store %s: a new key ring will be started", keyManager.store().description());
        return refresh();
    }

    private void keyManagerChanged() {
        if (!lock.isHeldByCurrentThread()) {
            refresh();
        }
    }

    private void refreshLocked(Instant now) {
        Snapshot previous = snapshot;
        XmlKeyManager.StoreSnapshot read;
        try {
            read = keyManager.readKeyRing();
        } catch (RuntimeException e) {
            failed(now, previous, "Reading the key store " + keyManager.store().description() + " failed: " + e.getMessage(), e);
            return;
        }
        if (read.keys().isEmpty() && keysSeen) {
            fault = "The key store " + keyManager.store().description() + " returned no keys although keys were read "
                    + "from it before; no key is created (fail closed) until keys reappear or an operator accepts the "
                    + "empty store";
            failed(now, previous, fault, null);
            return;
        }
        fault = null;
        KeyResolution resolution = policy.resolve(now, read.keys());
        lastRefreshError = null;
        if (resolution.shouldGenerateNewKey() && autoGenerateKeys) {
            read = createKey(now, resolution, read);
            resolution = policy.resolve(now, read.keys());
        }
        List<Key> keys = read.keys();
        keysSeen |= !keys.isEmpty();
        unreadableElements = read.unreadableElements();
        lastSuccessfulRefresh = now;
        listener.onKeyRingRefresh(true);
        snapshot = resolved(now, keys, resolution, now.plus(refreshPeriod), read.version());
        logDefaultKeyChange(previous, snapshot);
    }

    /**
     * Creates the key the policy asks for. With a {@link io.quarkiverse.dataprotection.store.VersionedKeyStore} the append is conditional on the version
     * just read: when another instance wins, its key is adopted by reading again, and a key is created only if the
     * policy still asks for one.
     */
    private XmlKeyManager.StoreSnapshot createKey(Instant now, KeyResolution resolution, XmlKeyManager.StoreSnapshot read) {
        XmlKeyManager.StoreSnapshot current = read;
        KeyResolution wanted = resolution;
        try {
            for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
                KeyPolicy.NewKeyDates dates = policy.newKeyDates(now, wanted);
                boolean created = keyManager.createNewKeyIfVersion(dates.activationDate(), dates.expirationDate(),
                        current.version()).isPresent();
                current = keyManager.readKeyRing();
                wanted = policy.resolve(now, current.keys());
                if (created || !wanted.shouldGenerateNewKey()) {
                    return current;
                }
            }
            LOG.warnf("The key store %s kept changing while creating a key; trying again on the next refresh",
                    keyManager.store().description());
        } catch (RuntimeException e) {
            LOG.errorf("Creating a new key in %s failed; %s: %s", keyManager.store().description(),
                    resolution.defaultKey() != null ? "the current default key stays in use" : "protecting is not possible",
                    e.getMessage());
            lastRefreshError = "Creating a new key failed: " + e.getMessage();
        }
        return current;
    }

    private void failed(Instant now, Snapshot previous, String message, RuntimeException cause) {
        lastRefreshError = message;
        listener.onKeyRingRefresh(false);
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug(message, cause);
        }
        List<Key> cached = previous == null ? List.of() : new ArrayList<>(previous.ring.keys());
        Instant retry = now.plus(refreshPeriod.compareTo(RETRY_AFTER_FAILURE) < 0 ? refreshPeriod : RETRY_AFTER_FAILURE);
        snapshot = resolved(now, cached, policy.resolve(now, cached), retry, previous == null ? null : previous.version);
        if (previous != null) {
            LOG.warnf("%s; serving the cached key ring (%d keys, default %s)", message, cached.size(),
                    snapshot.ring.defaultKey() == null ? "none" : snapshot.ring.defaultKey().id());
        } else {
            LOG.errorf("%s; no key ring yet, so nothing can be protected until a read succeeds", message);
        }
    }

    private Snapshot resolved(Instant now, List<Key> keys, KeyResolution resolution, Instant nextRead, String version) {
        Key defaultKey = resolution.defaultKey() != null ? resolution.defaultKey() : resolution.fallbackKey();
        Instant recomputeAt = nextRead;
        for (Key key : keys) {
            recomputeAt = earliestFuture(now, recomputeAt, key.activationDate().minus(policy.maxClockSkew()));
            recomputeAt = earliestFuture(now, recomputeAt, key.expirationDate());
            recomputeAt = earliestFuture(now, recomputeAt, key.expirationDate().minus(policy.propagationWindow())
                    .minus(KeyPolicy.KEY_RING_REFRESH_PERIOD));
            recomputeAt = earliestFuture(now, recomputeAt, key.creationDate().plus(policy.propagationWindow()));
        }
        return new Snapshot(new KeyRing(keys, defaultKey), recomputeAt, version);
    }

    private static Instant earliestFuture(Instant now, Instant current, Instant candidate) {
        return candidate.isAfter(now) && candidate.isBefore(current) ? candidate : current;
    }

    private static void logDefaultKeyChange(Snapshot previous, Snapshot current) {
        Key before = previous == null ? null : previous.ring.defaultKey();
        Key after = current.ring.defaultKey();
        if (after != null && (before == null || !before.id().equals(after.id()))) {
            LOG.infof("Default key is now %s (expires %s)", after.id(), after.expirationDate());
        } else if (after == null && before != null) {
            LOG.errorf("No usable default key any more (was %s): protect fails until a key is available", before.id());
        }
    }

    /** A snapshot of the cached state for health and metrics. */
    public KeyRingStatus status() {
        Snapshot s = snapshot;
        KeyRing ring = s == null ? KeyRing.empty() : s.ring;
        Key defaultKey = ring.defaultKey();
        Optional<Instant> nextActivation = ring.keys().stream()
                .filter(k -> !k.isRevoked() && k.canEncrypt())
                .filter(k -> defaultKey == null || k.activationDate().isAfter(defaultKey.activationDate()))
                .map(Key::activationDate).min(Instant::compareTo);
        List<String> unusable = ring.keys().stream().filter(k -> !k.canEncrypt())
                .map(k -> k.id() + ": " + k.unusableReason().orElse("unknown")).toList();
        return new KeyRingStatus(keyManager.store().description(), ring.keys().size(),
                Optional.ofNullable(defaultKey).map(Key::id), Optional.ofNullable(defaultKey).map(Key::expirationDate),
                nextActivation, Optional.ofNullable(lastSuccessfulRefresh), Optional.ofNullable(lastRefreshError),
                unusable, unreadableElements, Optional.ofNullable(fault));
    }

    /** The key manager this ring reads and writes through. */
    public XmlKeyManager keyManager() {
        return keyManager;
    }

    @Override
    public void close() {
        if (background != null) {
            background.close();
        }
    }

    private record Snapshot(KeyRing ring, Instant recomputeAt, String version) {
    }
}
