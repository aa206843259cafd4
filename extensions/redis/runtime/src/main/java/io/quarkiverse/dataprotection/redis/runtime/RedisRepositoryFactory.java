package io.quarkiverse.dataprotection.redis.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkiverse.dataprotection.runtime.spi.OpenedRepository;
import io.quarkiverse.dataprotection.runtime.spi.RepositoryFactory;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;

/**
 * Opens the Redis key store: with a client made from {@code quarkus.data-protection.redis.*} (lazily connecting, so a
 * Redis outage at start does not stop the application; shut down with it), or else with the application's own
 * {@link RedissonClient} bean (never shut down here).
 * <p>
 * Start-up: {@link #connectEarly()}, called by the extension's recorder during runtime initialisation, creates the
 * client and makes its first connection on a background thread, in parallel with the rest of start-up (HTTP server,
 * other extensions). {@link #open()}, called when the data protection service starts, then takes that client, whose
 * connection is usually ready, so the service's first read costs a round trip instead of Redisson's class loading and
 * connection set-up. {@link #open()} checks the settings (a configuration error fails the start) but does not wait for
 * the client: the store it returns waits for it on first use, which is the key ring's first read, made in the
 * background ({@code quarkus.data-protection.first-read-in-background}); readiness waits for that read.
 * <p>
 * Thread-safe: {@link #connectEarly()} and {@link #open()} may race; both use the one client.
 */
@Singleton
class RedisRepositoryFactory implements RepositoryFactory {

    private static final Logger LOG = Logger.getLogger(RedisRepositoryFactory.class);

    private final DataProtectionRedisConfig redis;
    private final Instance<RedissonClient> applicationClients;
    private final Instance<TlsConfigurationRegistry> tlsRegistry;
    private final Instance<Vertx> vertx;
    private final Instance<XmlRepository> applicationRepository;
    private CompletableFuture<Created> client;
    /** Whether {@link #open()} handed the created client to a repository, which then shuts it down. */
    private boolean handedOut;

    RedisRepositoryFactory(DataProtectionRedisConfig redis, @Any Instance<RedissonClient> applicationClients,
            Instance<TlsConfigurationRegistry> tlsRegistry, Instance<Vertx> vertx,
            Instance<XmlRepository> applicationRepository) {
        this.redis = redis;
        this.applicationClients = applicationClients;
        this.tlsRegistry = tlsRegistry;
        this.vertx = vertx;
        this.applicationRepository = applicationRepository;
    }

    @Override
    public String kind() {
        return "redis";
    }

    /**
     * Starts creating and connecting the client on a background thread when {@code redis.hosts} is set. Never
     * throws: a configuration error is rethrown by {@link #open()}, and a connection failure is left to the first
     * read, which reports it.
     */
    void connectEarly() {
        // An application XmlRepository bean replaces the store, and this factory is never opened.
        if (redis.hosts().isPresent() && applicationRepository.isUnsatisfied()) {
            client();
        }
    }

    @Override
    public OpenedRepository open() {
        String listKey = listKey(redis);
        if (redis.hosts().isPresent()) {
            CompletableFuture<Created> created;
            synchronized (this) {
                created = client();
                handedOut = true;
            }
            if (created.isCompletedExceptionally()) {
                join(created); // a configuration error: fail the start with it
            }
            // The service starts without waiting for the client: the key ring's first read (in the background)
            // waits for it instead, and readiness waits for that read.
            CompletableFuture<VersionedXmlRepository> repository = created.thenApply(c -> {
                VersionedXmlRepository redisStore = new RedisXmlRepository(c.client(), listKey);
                return c.tlsWatch() == null ? redisStore : new TlsExplainedRepository(redisStore, c.tlsWatch());
            });
            return new OpenedRepository(new ConnectingRedisXmlRepository(repository, listKey),
                    () -> created.thenAccept(c -> c.client().shutdown()));
        }
        if (applicationClients.isResolvable()) {
            LOG.debugf("Data protection uses the application's RedissonClient bean for Redis list %s", listKey);
            return OpenedRepository.unmanaged(new RedisXmlRepository(applicationClients.get(), listKey));
        }
        throw ConfigErrors.missing("redis.hosts", "quarkus.data-protection.key-store=redis needs the Redis servers, "
                + "e.g. quarkus.data-protection.redis.hosts=redis://localhost:6379, or an application bean of type "
                + "org.redisson.api.RedissonClient"
                + (applicationClients.isAmbiguous() ? " (the application has several; make exactly one resolvable)"
                        : ""));
    }

    /** Shuts down a client made early but never opened (e.g. an application XmlRepository bean replaced the store). */
    @PreDestroy
    synchronized void close() {
        if (client != null && !handedOut) {
            client.thenAccept(created -> created.client().shutdown());
        }
    }

    /**
     * The client, created on first call: the settings are checked on the calling thread (a configuration error
     * completes the future at once), the client is created and connected on a background thread.
     */
    private synchronized CompletableFuture<Created> client() {
        if (client == null) {
            client = new CompletableFuture<>();
            RedisConnectionSettings settings;
            try {
                settings = settings();
            } catch (RuntimeException e) {
                client.completeExceptionally(e);
                return client;
            }
            Thread connecting = new Thread(() -> createAndConnect(settings), "data-protection-redis-connect");
            connecting.setDaemon(true);
            connecting.start();
        }
        return client;
    }

    private void createAndConnect(RedisConnectionSettings settings) {
        Created created;
        try {
            created = create(settings);
        } catch (RuntimeException e) {
            client.completeExceptionally(e);
            return;
        }
        client.complete(created);
        try {
            // Any command makes Redisson open its pools; the version is the cheapest one the documented ACL allows.
            new RedisXmlRepository(created.client(), listKey(redis)).version();
        } catch (RuntimeException e) {
            // The service's first read meets the same failure and reports it (readiness, log); nothing to add here.
            LOG.debugf("Connecting to Redis early failed; the key ring's first read will report it: %s", e);
        }
    }

    /** The client, watching its TLS handshakes when the addresses are {@code rediss://}. */
    private Created create(RedisConnectionSettings settings) {
        Config config = RedissonClients.config(settings);
        TlsHandshakeWatch watch = null;
        if (settings.usesTls()) {
            watch = new TlsHandshakeWatch(redis.tlsConfigurationName().orElse(null),
                    settings.tls() != null && settings.tls().keyManagers() != null);
            config.setNettyHook(watch);
        }
        return new Created(Redisson.create(config), watch);
    }

    private static Created join(CompletableFuture<Created> client) {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * The connection settings, with credentials and TLS resolved.
     *
     * @throws ConfigurationException when a setting is invalid or the combination is (e.g. sentinel mode without a
     *         master name)
     */
    RedisConnectionSettings settings() {
        return RedisSettingsMapper.settings(redis, RedisTlsRegistry.resolve(redis, tlsRegistry, vertx));
    }

    private static String listKey(DataProtectionRedisConfig redis) {
        try {
            return RedisKeyNames.listKey(redis.listKey());
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, RedisSettingsMapper.PROPERTIES);
        }
    }

    /** A client this factory created, and the watch of its TLS handshakes ({@code null} without TLS). */
    private record Created(RedissonClient client, TlsHandshakeWatch tlsWatch) {
    }
}
