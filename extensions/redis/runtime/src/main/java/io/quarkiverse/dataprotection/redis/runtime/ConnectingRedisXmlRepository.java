package io.quarkiverse.dataprotection.redis.runtime;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * The Redis key store before its client exists: the first call creates the client (Redisson's class loading and
 * configuration; its connections open on demand) on the calling thread, which is the key ring's first read on its
 * background thread; concurrent calls wait for it. A client that could not be created fails each call with the reason.
 * Lets the service start without loading Redisson, and keeps that work off the rest of the start-up.
 * <p>
 * Thread-safety: safe for concurrent use, as the Redis store it creates.
 */
final class ConnectingRedisXmlRepository implements VersionedXmlRepository {

    private final Supplier<VersionedXmlRepository> connect;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final CompletableFuture<VersionedXmlRepository> repository = new CompletableFuture<>();
    private final String description;

    ConnectingRedisXmlRepository(Supplier<VersionedXmlRepository> connect, String listKey) {
        this.connect = connect;
        this.description = "redis:" + listKey;
    }

    private VersionedXmlRepository redis() {
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

    @Override
    public List<StoredElement> readAll() {
        return redis().readAll();
    }

    @Override
    public VersionedXmlRepository.VersionedElements readVersioned() {
        return redis().readVersioned();
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        return redis().addIfVersion(expectedVersion, xml, friendlyName);
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        return redis().addAllIfVersion(expectedVersion, elements);
    }

    @Override
    public String version() {
        return redis().version();
    }

    @Override
    public void add(String xml, String friendlyName) {
        redis().add(xml, friendlyName);
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        redis().remove(elements);
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

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "RedisXmlRepository[" + description + "] (connecting)";
    }
}
