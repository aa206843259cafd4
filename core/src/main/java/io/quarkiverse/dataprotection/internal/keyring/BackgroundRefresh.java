package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * The background thread of a {@link KeyRingProvider}: the periodic refresh, the cheap version poll and the change
 * notifications of a {@link VersionedXmlRepository}, retries, reads for unknown keys, and refreshes handed over by request
 * threads so that they never wait for the store.
 * <p>
 * A change notification only prompts a version check, like the poll: the store is read when its version differs from
 * the cached ring's. So the announcement of a change this instance made itself, which arrives after this instance has
 * read the store again (or while it does), costs one cheap check instead of a second full read.
 * <p>
 * Every task is guarded: whatever it throws is logged and the schedule goes on (a scheduled task that throws is
 * never run again by {@link ScheduledExecutorService}, which would silently freeze the ring).
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class BackgroundRefresh implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackgroundRefresh.class);

    private final ScheduledExecutorService scheduler;
    private final Runnable refresh;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private final AutoCloseable subscription;

    /**
     * @param refresh reads the store again
     * @param refreshIfStale reads the store again unless the cached ring was read at the given store version
     */
    BackgroundRefresh(Runnable refresh, Duration period, Duration pollPeriod, XmlRepository store,
            Consumer<String> refreshIfStale) {
        this.refresh = guarded(refresh, "refresh");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "data-protection-key-ring-refresh");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this.refresh, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        if (store instanceof VersionedXmlRepository versioned) {
            long poll = pollPeriod.toMillis();
            Runnable check = guarded(() -> poll(versioned, refreshIfStale), "version poll");
            scheduler.scheduleWithFixedDelay(check, poll, poll, TimeUnit.MILLISECONDS);
            subscription = versioned.subscribe(() -> queueCheck(check));
        } else {
            subscription = null;
        }
    }

    private static Runnable guarded(Runnable task, String what) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.errorf(e, "Unexpected failure of the key ring %s; it runs again on schedule", what);
            }
        };
    }

    /** Refreshes when the store's version differs from the one the cached ring was read at. */
    private static void poll(VersionedXmlRepository store, Consumer<String> refreshIfStale) {
        String version;
        try {
            version = store.version();
        } catch (RuntimeException e) {
            return; // the periodic refresh reports store failures; polling stays quiet
        }
        refreshIfStale.accept(version);
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

    /** Runs a version check on the background thread soon, once however many notifications arrive meanwhile. */
    private void queueCheck(Runnable check) {
        if (pollQueued.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    pollQueued.set(false); // a notification arriving during the check queues another
                    check.run();
                });
            } catch (RejectedExecutionException closed) {
                pollQueued.set(false);
            }
        }
    }

    /** Refreshes once after {@code delay} (a retry), besides the regular schedule. */
    void refreshAfter(Duration delay) {
        try {
            scheduler.schedule(refresh, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closing: nothing to retry
        }
    }

    /** The background thread, for reads that callers wait for with a bound. */
    Executor executor() {
        return scheduler;
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
