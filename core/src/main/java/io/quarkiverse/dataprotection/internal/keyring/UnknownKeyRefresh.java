package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The read of the store prompted by payloads under key ids the cached ring does not know, single-flight: at most one
 * read at a time and one per interval, however many such payloads arrive (anyone can forge them). A caller waits for
 * the read in flight at most {@code maxWait}, then gets the ring as it is (so an unknown key is reported as not
 * found); callers of known keys never wait for it. The read runs on the background executor when there is one, so
 * that a stalled store holds no caller longer than {@code maxWait}; without one, the caller that starts it runs it.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class UnknownKeyRefresh {

    private final long intervalNanos;
    private final long maxWaitNanos;
    private final Executor executor;
    private final Supplier<KeyRing> read;
    private CompletableFuture<KeyRing> inFlight;
    private long lastStart;
    private boolean started;

    /**
     * @param executor runs the read, or {@code null} to run it on the caller that starts it
     * @param read reads the store and returns the new ring; may throw
     */
    UnknownKeyRefresh(Duration interval, Duration maxWait, Executor executor, Supplier<KeyRing> read) {
        this.intervalNanos = interval.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.executor = executor;
        this.read = read;
    }

    /**
     * The ring after the read in flight, a new read if none ran within the interval, or {@code cached} (the ring as
     * it is) when reading is rate-limited or takes longer than the wait bound.
     */
    KeyRing refresh(Supplier<KeyRing> cached) {
        CompletableFuture<KeyRing> future;
        boolean start = false;
        synchronized (this) {
            long now = System.nanoTime();
            if (inFlight != null && !inFlight.isDone()) {
                future = inFlight;
            } else if (started && now - lastStart < intervalNanos) {
                return cached.get();
            } else {
                started = true;
                lastStart = now;
                future = inFlight = new CompletableFuture<>();
                start = true;
            }
        }
        if (start) {
            CompletableFuture<KeyRing> toComplete = future;
            Runnable task = () -> {
                try {
                    toComplete.complete(read.get());
                } catch (Throwable e) {
                    toComplete.completeExceptionally(e);
                    Failures.rethrowIfFatal(e);
                }
            };
            if (executor == null) {
                task.run();
            } else {
                try {
                    executor.execute(task);
                } catch (RuntimeException rejected) {
                    task.run();
                }
            }
        }
        return await(future, cached);
    }

    private KeyRing await(CompletableFuture<KeyRing> future, Supplier<KeyRing> cached) {
        try {
            return future.get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the refresh reports its own failures; this caller gets the ring as it is
        }
        return cached.get();
    }
}
