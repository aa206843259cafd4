package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.keys.KeyResolution;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * Caches the key ring so that protect and unprotect never touch the store on the hot path, and keeps it fresh:
 * a background read every refresh period, a read when the default key's situation changes (expiry, a successor's
 * activation), when the key manager made a change ({@link XmlKeyManager#changeCount()}), and a single-flight,
 * rate-limited read when a payload names an unknown key ({@link UnknownKeyRefresh}).
 * <p>
 * It <b>fails closed</b> ({@link KeyRingRefresher}): a failed or incomplete read keeps serving the last good ring
 * (re-resolving its default key as time passes) and is reported; a store that lost keys is restored; a key is
 * created only when a successful, complete read shows one is needed, never because something failed.
 * <p>
 * With background refresh, a due refresh is handed to the background thread while the cached default key is still
 * usable (not expired, not revoked), so protect and unprotect never wait for the store; only a ring without a
 * usable default key is read on the caller's thread (once; the other callers keep serving the cached ring), and after
 * a change made through this instance's key manager the next caller waits for the read, so that a key revoked here is
 * never used here again.
 * <p>
 * Thread-safety: safe for concurrent use; reads of the cached ring are lock-free, and at most one thread at a time
 * reads the store while the others keep using the cached ring.
 */
public final class KeyRingProvider implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyRingProvider.class);
    /** How soon a failed read is retried (capped by the refresh period). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final XmlKeyManager keyManager;
    private final KeyPolicy policy;
    private final Clock clock;
    private final Duration refreshPeriod;
    private final Duration keyRetention;
    private final DataProtectionListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final KeyRingRefresher refresher;
    private final BackgroundRefresh background;
    private final UnknownKeyRefresh unknownKeys;
    /** Open until the first read of the store finished, successfully or not. */
    private final CountDownLatch firstRead = new CountDownLatch(1);
    private final AtomicBoolean firstReadStarted = new AtomicBoolean();

    private volatile Snapshot snapshot;
    private volatile Instant lastSuccessfulRefresh;
    private volatile String lastRefreshError;
    private volatile String fault;
    private volatile StoreSnapshot lastRead;
    private volatile String keyCreationBlocked;
    private volatile KeyRingStatus.Loss lastKeyLoss;

    public KeyRingProvider(XmlKeyManager keyManager, KeyRingSettings settings) {
        this.keyManager = Objects.requireNonNull(keyManager, "keyManager");
        this.policy = settings.policy();
        this.clock = settings.clock();
        this.refreshPeriod = settings.refreshPeriod();
        this.keyRetention = settings.keyRetention();
        this.listener = settings.listener();
        this.refresher = new KeyRingRefresher(keyManager, settings);
        Duration changePollPeriod = settings.changePollPeriod();
        background = changePollPeriod == null ? null
                : new BackgroundRefresh(this::backgroundRefresh, refreshPeriod, changePollPeriod, keyManager.store(),
                        this::refreshIfStaleAt);
        unknownKeys = new UnknownKeyRefresh(settings.unknownKeyRefreshInterval(), settings.unknownKeyWait(),
                background == null ? null : background.executor(), this::refreshIfChanged);
    }

    /**
     * Leaves the first read of the store to the background thread (with no background refresh, reads it now):
     * nothing waits for the store until a caller needs the ring, and that caller waits for this read
     * ({@link #current()} takes the read lock when there is no ring yet). With a {@code signal} the read starts when
     * it completes (either way) or when a caller waits for the first read, whichever comes first; a caller that needs
     * the ring before then reads the store itself ({@link #current()}).
     */
    public void readInBackground(CompletionStage<?> signal) {
        if (background == null) {
            current();
            return;
        }
        if (signal == null) {
            startFirstRead();
        } else {
            signal.whenComplete((result, failure) -> startFirstRead());
        }
    }

    /** Hands the first read to the background thread, once. */
    private void startFirstRead() {
        if (firstReadStarted.getAndSet(true)) {
            return;
        }
        try {
            background.executor().execute(() -> {
                try {
                    current();
                } catch (RuntimeException e) {
                    // refreshLocked reports read failures itself; this is only what it could not catch
                    LOG.errorf(e, "Unexpected failure of the first key ring read; the next refresh tries again");
                }
            });
        } catch (RejectedExecutionException closed) {
            // closed before it started: nothing to read for
        }
    }

    /** Waits at most {@code timeout} for the first read of the store to finish; returns whether it has. */
    public boolean awaitFirstRead(Duration timeout) throws InterruptedException {
        if (firstRead.getCount() > 0 && background != null) {
            startFirstRead();
        }
        return firstRead.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits, without a bound of its own (the read has the store's), for the first read of the store to finish,
     * unless called from within a read (a listener, say), which must not wait for itself. An interrupt ends the wait
     * and is kept.
     */
    public void waitForFirstRead() {
        if (firstRead.getCount() == 0 || lock.isHeldByCurrentThread()) {
            return;
        }
        if (background != null) {
            startFirstRead();
        }
        try {
            firstRead.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current key ring; reads the store only when the cached ring is due for a refresh. */
    public KeyRing current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        boolean changedHere = s != null && s.changeCount != keyManager.changeCount();
        if (s != null && now.isBefore(s.recomputeAt) && !changedHere) {
            return s.ring;
        }
        if (s != null && background != null && !changedHere && stillUsable(s.ring.defaultKey(), now)) {
            // Never make a request thread wait for the store while the cached default key is still good: during an
            // outage that wait is the Redis client's whole timeout-and-retry budget, once per retry interval.
            background.queue();
            return s.ring;
        }
        if (s == null || changedHere) {
            // No ring yet, or this instance just changed the store itself (say, revoked the default key): wait for
            // the refresh rather than use what the change made stale
            lock.lock();
        } else if (!lock.tryLock()) {
            return s.ring; // another thread is refreshing: keep serving the cached ring meanwhile
        }
        try {
            s = snapshot;
            if (s == null || !clock.instant().isBefore(s.recomputeAt)) {
                refreshLocked(clock.instant());
            } else if (s.changeCount != keyManager.changeCount() && !adoptIfCurrent(s)) {
                refreshLocked(clock.instant());
            }
            return snapshot.ring;
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a change through this instance's key manager: when the store is still at the version the cached ring was
     * read at, that read came after the change (every change moves the version; it raced with the change's own
     * announcement, say), so the ring is current and one version check replaces a second full read. Only after a
     * clean read: an operator's {@link io.quarkiverse.dataprotection.keys.KeyManager#acceptEmptyStore()} needs a
     * real refresh to clear a fault.
     */
    private boolean adoptIfCurrent(Snapshot s) {
        if (!(keyManager.store() instanceof VersionedXmlRepository versioned) || s.version == null
                || lastRefreshError != null || fault != null) {
            return false;
        }
        long changeCount = keyManager.changeCount(); // before the check: a change after it is not adopted
        try {
            if (!s.version.equals(versioned.version())) {
                return false;
            }
        } catch (RuntimeException e) {
            return false; // the refresh reports it
        }
        snapshot = new Snapshot(s.ring, s.recomputeAt, s.version, changeCount);
        return true;
    }

    private static boolean stillUsable(Key defaultKey, Instant now) {
        return defaultKey != null && !defaultKey.isRevoked() && now.isBefore(defaultKey.expirationDate());
    }

    private boolean isStaleAt(String storeVersion) {
        Snapshot s = snapshot;
        return s == null || !storeVersion.equals(s.version) || s.changeCount != keyManager.changeCount();
    }

    /**
     * The key ring after a read of the store prompted by a payload under {@code keyId}, which the cached ring does
     * not know (see {@link UnknownKeyRefresh}: single-flight, rate-limited, bounded wait).
     */
    public KeyRing refreshForUnknownKey(UUID keyId) {
        KeyRing ring = current();
        if (ring.find(keyId) != null) {
            return ring;
        }
        LOG.debugf("Payload under unknown key %s: reading the key ring again (single-flight)", keyId);
        return unknownKeys.refresh(() -> snapshot.ring);
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

    /**
     * Reads the store only when it changed since the cached ring was read: for a {@link VersionedXmlRepository} the
     * version decides (one cheap call; a payload under a key id the store does not hold, forged or not, then costs no
     * read at all), for any other store it reads.
     */
    private KeyRing refreshIfChanged() {
        if (keyManager.store() instanceof VersionedXmlRepository versioned && snapshot != null
                && !isStaleAt(versioned.version())) {
            return snapshot.ring;
        }
        return refresh();
    }

    /**
     * The poll's and the change notification's refresh: only when the cached ring is stale at {@code storeVersion},
     * checked again under the lock, so that a check racing with another thread's read of the same change (this
     * instance's own change and its announcement, say) does not read the store a second time.
     */
    private void refreshIfStaleAt(String storeVersion) {
        if (!isStaleAt(storeVersion)) {
            return;
        }
        lock.lock();
        try {
            if (!isStaleAt(storeVersion)) {
                return;
            }
            refreshLocked(clock.instant());
        } finally {
            lock.unlock();
        }
        applyRetention();
    }

    private void backgroundRefresh() {
        refresh();
        applyRetention();
    }

    private void applyRetention() {
        if (keyRetention != null) {
            KeyRetention.deleteExpired(keyManager, snapshot.ring, lastRefreshError == null, clock.instant(),
                    keyRetention);
        }
    }

    private void refreshLocked(Instant now) {
        try {
            readLocked(now);
        } finally {
            firstRead.countDown();
        }
    }

    private void readLocked(Instant now) {
        Snapshot previous = snapshot;
        KeyRingRefresher.Outcome outcome = refresher.refresh(now);
        if (outcome instanceof KeyRingRefresher.Failed failure) {
            failed(now, previous, failure);
            return;
        }
        KeyRingRefresher.Refreshed refreshed = (KeyRingRefresher.Refreshed) outcome;
        fault = null;
        lastRefreshError = null;
        lastRead = refreshed.read();
        keyCreationBlocked = refreshed.creationBlocked();
        if (refreshed.loss() != null) {
            lastKeyLoss = refreshed.loss();
        }
        lastSuccessfulRefresh = now;
        listener.onKeyRingRefresh(true);
        Instant nextRead = now.plus(refreshPeriod);
        Instant retry = refreshed.creationBlocked() == null ? null : keyManager.nextDecryptionRetry();
        if (retry != null && background != null) {
            background.refreshAfter(Duration.between(now, retry));
        } else if (retry != null && retry.isBefore(nextRead)) {
            nextRead = retry.isAfter(now) ? retry : now;
        }
        snapshot = resolved(now, refreshed.read().keys(), refreshed.resolution(), nextRead, refreshed.read().version(),
                refreshed.changeCount());
        if (refreshed.creationBlocked() != null) {
            LOG.warn(refreshed.creationBlocked());
        }
        logDefaultKeyChange(previous, snapshot);
    }

    private void failed(Instant now, Snapshot previous, KeyRingRefresher.Failed failure) {
        String message = failure.message();
        lastRefreshError = message;
        fault = failure.fault() ? message : null;
        listener.onKeyRingRefresh(false);
        if (failure.cause() != null && LOG.isDebugEnabled()) {
            LOG.debug(message, failure.cause());
        }
        // A revocation made here is applied even though the store could not be read back
        List<Key> cached = previous == null ? List.of() : keyManager.withRevocationsMadeHere(previous.ring.keys());
        Instant retry = now.plus(refreshPeriod.compareTo(RETRY_AFTER_FAILURE) < 0 ? refreshPeriod : RETRY_AFTER_FAILURE);
        snapshot = resolved(now, cached, DecryptingResolver.resolve(policy, now, cached), retry,
                previous == null ? null : previous.version, failure.changeCount());
        if (previous != null) {
            LOG.warnf("%s; serving the cached key ring (%d keys, default %s)", message, cached.size(),
                    snapshot.ring.defaultKey() == null ? "none" : snapshot.ring.defaultKey().id());
        } else {
            LOG.errorf("%s; no key ring yet, so nothing can be protected until a read succeeds", message);
        }
    }

    private Snapshot resolved(Instant now, List<Key> keys, KeyResolution resolution, Instant nextRead, String version,
            long changeCount) {
        Key defaultKey = resolution.defaultKey() != null ? resolution.defaultKey() : resolution.fallbackKey();
        Instant recomputeAt = nextRead;
        for (Key key : keys) {
            recomputeAt = earliestFuture(now, recomputeAt, key.activationDate().minus(policy.maxClockSkew()));
            recomputeAt = earliestFuture(now, recomputeAt, key.expirationDate());
            recomputeAt = earliestFuture(now, recomputeAt, key.expirationDate().minus(policy.propagationWindow())
                    .minus(KeyPolicy.KEY_RING_REFRESH_PERIOD));
            // the fallback key prefers keys created before the propagation window
            recomputeAt = earliestFuture(now, recomputeAt, key.creationDate().plus(policy.propagationWindow()));
        }
        return new Snapshot(new KeyRing(keys, defaultKey), recomputeAt, version, changeCount);
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

    /** A snapshot of the cached state for health and metrics; never reads the store. */
    public KeyRingStatus status() {
        Snapshot s = snapshot;
        return StatusReport.of(keyManager.store().description(), s == null ? KeyRing.empty() : s.ring, lastRead,
                lastSuccessfulRefresh, lastRefreshError, fault, keyCreationBlocked, lastKeyLoss,
                s == null && firstRead.getCount() > 0);
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

    /**
     * @param changeCount the key manager's change count the ring was read at: a change made since makes it stale
     */
    private record Snapshot(KeyRing ring, Instant recomputeAt, String version, long changeCount) {
    }
}
