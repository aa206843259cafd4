package io.quarkiverse.dataprotection.keys;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.store.KeyStore;
import io.quarkiverse.dataprotection.store.VersionedKeyStore;

/**
 * The background thread of a {@link KeyRingProvider}: the periodic refresh, the cheap version poll and the change
 * notifications of a {@link VersionedKeyStore}, and refreshes handed over by request threads so that they never wait
 * for the store.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class BackgroundRefresh implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackgroundRefresh.class);

    private final ScheduledExecutorService scheduler;
    private final Runnable refresh;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AutoCloseable subscription;

    /**
     * @param refresh reads the store again; must not throw
     * @param cachedVersion the version the cached ring was read at, or {@code null}
     */
    BackgroundRefresh(Runnable refresh, Duration period, Duration pollPeriod, KeyStore store,
            Supplier<String> cachedVersion) {
        this.refresh = refresh;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "data-protection-key-ring-refresh");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(refresh, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        if (store instanceof VersionedKeyStore versioned) {
            long poll = pollPeriod.toMillis();
            scheduler.scheduleWithFixedDelay(() -> poll(versioned, cachedVersion), poll, poll, TimeUnit.MILLISECONDS);
            subscription = versioned.subscribe(() -> scheduler.execute(refresh));
        } else {
            subscription = null;
        }
    }

    /** Refreshes when the store's version differs from the one the cached ring was read at. */
    private void poll(VersionedKeyStore store, Supplier<String> cachedVersion) {
        String version;
        try {
            version = store.version();
        } catch (RuntimeException e) {
            return; // the periodic refresh reports store failures; polling stays quiet
        }
        if (!version.equals(cachedVersion.get())) {
            refresh.run();
        }
    }

    /** Hands a due refresh to the background thread, once: later callers keep serving the cached ring meanwhile. */
    void queue() {
        if (queued.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    try {
                        refresh.run();
                    } finally {
                        queued.set(false);
                    }
                });
            } catch (RejectedExecutionException closed) {
                queued.set(false);
            }
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debugf("Closing the key store subscription failed: %s", e.getMessage());
            }
        }
        scheduler.shutdownNow();
    }
}
