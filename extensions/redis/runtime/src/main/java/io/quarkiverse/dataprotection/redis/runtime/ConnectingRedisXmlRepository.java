package io.quarkiverse.dataprotection.redis.runtime;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * The Redis key store while its client is still being created on the connecting thread: every call waits for the
 * client (so only the key ring's first read, on its background thread, ever waits), and a client that could not be
 * created fails each call with the reason. Lets the service start without waiting for Redisson's class loading and
 * first connection.
 * <p>
 * Thread-safety: safe for concurrent use, as the Redis store it waits for.
 */
final class ConnectingRedisXmlRepository implements VersionedXmlRepository {

    private final CompletableFuture<VersionedXmlRepository> repository;
    private final String description;

    ConnectingRedisXmlRepository(CompletableFuture<VersionedXmlRepository> repository, String listKey) {
        this.repository = repository;
        this.description = "redis:" + listKey;
    }

    private VersionedXmlRepository redis() {
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

    /** Subscribes once the client exists, without waiting for it (a failed client leaves the version poll alone). */
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
