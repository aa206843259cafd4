package io.quarkiverse.dataprotection.cdi;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.redis.RedisTls;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;

/**
 * The only class of the extension that touches Redisson (an optional dependency; {@link OptionalModule#REDIS} is
 * checked before it loads). As in Quarkus: with {@code redis.hosts}, a lazily connecting client is created and shut
 * down with the provider; without, the application's own {@link RedissonClient} bean is used and never shut down.
 * <p>
 * Stateless.
 */
final class RedisStores {

    private static final Logger LOG = Logger.getLogger(RedisStores.class);

    private RedisStores() {
    }

    /** Checks the settings (or finds the application's client) and returns what opens the store. */
    static Supplier<KeyStores.OpenedStore> prepare(RedisConfig redis, ApplicationBeans beans) {
        String listKey = translated(() -> RedisKeyNames.listKey(redis.listKey()));
        if (redis.hosts().isPresent()) {
            RedisConnectionSettings settings = settings(redis);
            return () -> {
                RedissonClient client = RedissonClients.create(settings);
                try {
                    return new KeyStores.OpenedStore(new RedisXmlRepository(client, listKey), client::shutdown);
                } catch (RuntimeException e) {
                    client.shutdown();
                    throw e;
                }
            };
        }
        var application = beans.unique(RedissonClient.class, ConfigErrors.PREFIX + "key-store=redis without "
                + ConfigErrors.PREFIX + "redis.hosts");
        if (application.isEmpty()) {
            throw ConfigErrors.missing("redis.hosts", ConfigErrors.PREFIX + "key-store=redis needs the Redis servers, "
                    + "e.g. " + ConfigErrors.PREFIX + "redis.hosts=redis://localhost:6379, or an application bean of "
                    + "type org.redisson.api.RedissonClient");
        }
        LOG.debugf("Data protection uses the application's RedissonClient bean for Redis list %s", listKey);
        return () -> KeyStores.OpenedStore.unmanaged(new RedisXmlRepository(application.get(), listKey));
    }

    /** The core settings; their own validation names the record component, translated to the property here. */
    static RedisConnectionSettings settings(RedisConfig redis) {
        return translated(() -> new RedisConnectionSettings(RedisConnectionSettings.Mode.valueOf(redis.mode().name()),
                redis.hosts().orElseThrow(), redis.masterName().orElse(null), redis.username().orElse(null),
                redis.password().orElse(null), redis.database(), redis.connectTimeout(), redis.commandTimeout(),
                redis.retryAttempts(), redis.retryInterval(), redis.pool().minIdle(), redis.pool().maxSize(),
                tls(redis.tls())));
    }

    /** The stores of {@code redis.tls.*}, loaded now so a wrong path or password fails the start; {@code null} if none. */
    private static RedisTls tls(RedisConfig.Tls stores) {
        RedisConfig.Store trust = stores.trustStore();
        RedisConfig.Store key = stores.keyStore();
        RedisTls tls = trust.path().map(path -> RedisTls.trustStore(Path.of(path), trust.password().orElse(null),
                trust.type().orElse(null))).orElse(null);
        if (key.path().isPresent()) {
            Path path = Path.of(key.path().get());
            tls = tls == null ? RedisTls.keyStore(path, key.password().orElse(null), key.type().orElse(null))
                    : tls.withKeyStore(path, key.password().orElse(null), key.type().orElse(null));
        }
        return tls;
    }

    private static <T> T translated(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, ConfigErrors.REDIS);
        }
    }
}
