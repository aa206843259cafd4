package io.quarkiverse.dataprotection.redis.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.runtime.spi.ForwardingVersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * The Redis key store before its client exists: the first call creates the client (Redisson's class loading and
 * configuration; its connections open on demand) on the calling thread, which is the key ring's first read on its
 * background thread; concurrent calls wait for it. A client that could not be created fails each call with the reason.
 * Lets the service start without loading Redisson, and keeps that work off the rest of the start-up.
 * <p>
 * Thread-safety: safe for concurrent use, as the Redis store it creates.
 */
final class ConnectingRedisXmlRepository extends ForwardingVersionedXmlRepository {

    private final Supplier<VersionedXmlRepository> connect;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final CompletableFuture<VersionedXmlRepository> repository = new CompletableFuture<>();
    private final String description;

    ConnectingRedisXmlRepository(Supplier<VersionedXmlRepository> connect, String listKey) {
        this.connect = connect;
        this.description = "redis:" + listKey;
    }

    /**
     * The Redis store, created by the first store operation; {@link #subscribe}, {@link #isPersistent},
     * {@link #description} and {@link #toString} are answered here without it.
     */
    @Override
    protected VersionedXmlRepository delegate() {
        if (!repository.isDone() && connecting.compareAndSet(false, true)) {
            try {
                repository.complete(connect.get());
            } catch (RuntimeException | Error e) {
                repository.completeExceptionally(e); // never leave the callers waiting on it
            }
        }
        try {
            return repository.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * Subscribes once the client exists, without creating it or waiting for it (a failed client leaves the version
     * poll alone).
     */
    @Override
    public AutoCloseable subscribe(Runnable listener) {
        CompletableFuture<AutoCloseable> subscription = repository.thenApply(redis -> redis.subscribe(listener));
        return () -> subscription.thenAccept(ConnectingRedisXmlRepository::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // the client is shutting down with the service
        }
    }

    /** A Redis store is persistent; answered without creating the client. */
    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "RedisXmlRepository[" + description + "] (connecting)";
    }
}
