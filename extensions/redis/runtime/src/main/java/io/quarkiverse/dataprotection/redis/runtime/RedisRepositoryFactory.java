package io.quarkiverse.dataprotection.redis.runtime;

import java.util.concurrent.CompletableFuture;

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
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;

/**
 * Opens the Redis key store: with a client made from {@code quarkus.data-protection.redis.*} (lazily connecting, so a
 * Redis outage at start does not stop the application; shut down with it), or else with the application's own
 * {@link RedissonClient} bean (never shut down here).
 * <p>
 * Start-up: {@link #open()}, called when the data protection service starts, checks the settings (a configuration
 * error fails the start) and returns a store that creates the client on first use. That first use is the key ring's
 * first read, made in the background ({@code quarkus.data-protection.first-read-in-background}) once the HTTP server
 * listens, so neither Redisson's class loading nor its connection set-up competes with the rest of the start-up;
 * readiness waits for that read.
 * <p>
 * Thread-safe.
 */
@Singleton
class RedisRepositoryFactory implements RepositoryFactory {

    private static final Logger LOG = Logger.getLogger(RedisRepositoryFactory.class);

    private final DataProtectionRedisConfig redis;
    private final Instance<RedissonClient> applicationClients;
    private final Instance<TlsConfigurationRegistry> tlsRegistry;
    private final Instance<Vertx> vertx;

    RedisRepositoryFactory(DataProtectionRedisConfig redis, @Any Instance<RedissonClient> applicationClients,
            Instance<TlsConfigurationRegistry> tlsRegistry, Instance<Vertx> vertx) {
        this.redis = redis;
        this.applicationClients = applicationClients;
        this.tlsRegistry = tlsRegistry;
        this.vertx = vertx;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public OpenedRepository open() {
        String listKey = listKey(redis);
        if (redis.hosts().isPresent()) {
            RedisConnectionSettings settings = settings(); // a configuration error fails the start here
            CompletableFuture<Created> created = new CompletableFuture<>();
            ConnectingRedisXmlRepository store = new ConnectingRedisXmlRepository(() -> {
                Created client = create(settings);
                created.complete(client);
                VersionedXmlRepository redisStore = new RedisXmlRepository(client.client(), listKey);
                return client.tlsWatch() == null ? redisStore
                        : new TlsExplainedRepository(redisStore, client.tlsWatch());
            }, listKey);
            // Released before the client was made: it is shut down as soon as it is.
            return new OpenedRepository(store, () -> created.thenAccept(c -> c.client().shutdown()));
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
