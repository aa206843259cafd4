package io.quarkiverse.dataprotection.redis.runtime;

import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkiverse.dataprotection.runtime.spi.OpenedRepository;
import io.quarkiverse.dataprotection.runtime.spi.RepositoryFactory;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Opens the Redis key store: with a client made from {@code quarkus.data-protection.redis.*} (lazily connecting, so a
 * Redis outage at start does not stop the application; shut down with it), or else with the application's own
 * {@link RedissonClient} bean (never shut down here).
 */
@Singleton
class RedisRepositoryFactory implements RepositoryFactory {

    private static final Logger LOG = Logger.getLogger(RedisRepositoryFactory.class);

    private final DataProtectionRedisConfig redis;
    private final Instance<RedissonClient> applicationClients;

    RedisRepositoryFactory(DataProtectionRedisConfig redis, @Any Instance<RedissonClient> applicationClients) {
        this.redis = redis;
        this.applicationClients = applicationClients;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public OpenedRepository open() {
        String listKey = listKey(redis);
        if (redis.hosts().isPresent()) {
            RedissonClient client = RedissonClients.create(settings(redis));
            return new OpenedRepository(new RedisXmlRepository(client, listKey), client::shutdown);
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

    /**
     * Maps the configuration onto the core settings, whose validation names the property and the fix.
     *
     * @throws ConfigurationException when a setting is invalid or the combination is (e.g. sentinel mode without a
     *         master name)
     */
    static RedisConnectionSettings settings(DataProtectionRedisConfig redis) {
        try {
            return new RedisConnectionSettings(RedisConnectionSettings.Mode.valueOf(redis.mode().name()),
                    redis.hosts().orElseThrow(), redis.masterName().orElse(null), redis.username().orElse(null),
                    redis.password().orElse(null), redis.database(), redis.connectTimeout(),
                    RedisConnectionSettings.DEFAULT_RESPONSE_TIMEOUT, RedisConnectionSettings.DEFAULT_RETRY_ATTEMPTS);
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, PROPERTIES);
        }
    }

    private static String listKey(DataProtectionRedisConfig redis) {
        try {
            return RedisKeyNames.listKey(redis.listKey());
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, PROPERTIES);
        }
    }

    /** The components of {@code RedisConnectionSettings}, and the list key, by property. */
    static final Map<String, String> PROPERTIES = Map.of("mode", "redis.mode", "addresses", "redis.hosts",
            "masterName", "redis.master-name", "username", "redis.username", "password", "redis.password",
            "database", "redis.database", "connectTimeout", "redis.connect-timeout", "listKey", "redis.list-key");
}
