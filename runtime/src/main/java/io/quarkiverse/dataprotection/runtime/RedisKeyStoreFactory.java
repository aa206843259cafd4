package io.quarkiverse.dataprotection.runtime;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Opens the Redis key store: with a client made from {@code quarkus.data-protection.redis.*} (lazily connecting, so a
 * Redis outage at start does not stop the application; shut down with it), or else with the application's own
 * {@link RedissonClient} bean (never shut down here).
 */
final class RedisKeyStoreFactory {

    private static final Logger LOG = Logger.getLogger(RedisKeyStoreFactory.class);

    private RedisKeyStoreFactory() {
    }

    static ConfiguredKeyStore open(DataProtectionConfig.Redis redis, Instance<RedissonClient> applicationClients) {
        String listKey = listKey(redis);
        if (redis.hosts().isPresent()) {
            RedissonClient client = RedissonClients.create(settings(redis));
            return new ConfiguredKeyStore(new RedisXmlRepository(client, listKey), client::shutdown);
        }
        if (applicationClients.isResolvable()) {
            LOG.debugf("Data protection uses the application's RedissonClient bean for Redis list %s", listKey);
            return ConfiguredKeyStore.unmanaged(new RedisXmlRepository(applicationClients.get(), listKey));
        }
        throw ConfigErrors.missing("redis.hosts", "quarkus.data-protection.key-store=redis needs the Redis servers, "
                + "e.g. quarkus.data-protection.redis.hosts=redis://localhost:6379, or an application bean of type "
                + "org.redisson.api.RedissonClient"
                + (applicationClients.isAmbiguous() ? " (the application has several; make exactly one resolvable)"
                        : ""));
    }

    /**
     * Maps the configuration onto the core settings, whose validation names the property and the fix.
     *
     * @throws ConfigurationException when a setting is invalid or the combination is (e.g. sentinel mode without a
     *         master name)
     */
    static RedisConnectionSettings settings(DataProtectionConfig.Redis redis) {
        try {
            return new RedisConnectionSettings(RedisConnectionSettings.Mode.valueOf(redis.mode().name()),
                    redis.hosts().orElseThrow(), redis.masterName().orElse(null), redis.username().orElse(null),
                    redis.password().orElse(null), redis.database(), redis.connectTimeout(),
                    RedisConnectionSettings.DEFAULT_RESPONSE_TIMEOUT, RedisConnectionSettings.DEFAULT_RETRY_ATTEMPTS);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid Redis configuration: " + e.getMessage(), e);
        }
    }

    private static String listKey(DataProtectionConfig.Redis redis) {
        if (redis.listKey().isBlank()) {
            throw ConfigErrors.invalid("redis.list-key", "''", "name the Redis list, e.g. DataProtection-Keys");
        }
        return redis.listKey();
    }
}
