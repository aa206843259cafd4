package io.quarkiverse.dataprotection.runtime;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.store.RedisConnectionSettings;
import io.quarkiverse.dataprotection.store.RedisKeyStore;
import io.quarkiverse.dataprotection.store.RedissonClients;

/**
 * Opens the Redis key store: with a client made from {@code quarkus.data-protection.redis.*} (shut down with the
 * application), or else with the application's own {@link RedissonClient} bean (never shut down here).
 */
final class RedisKeyStoreFactory {

    private static final Logger LOG = Logger.getLogger(RedisKeyStoreFactory.class);

    private RedisKeyStoreFactory() {
    }

    static ConfiguredKeyStore open(DataProtectionConfig.Redis redis, Instance<RedissonClient> applicationClients) {
        String listKey = listKey(redis);
        if (redis.hosts().isPresent()) {
            RedissonClient client = RedissonClients.create(settings(redis));
            return new ConfiguredKeyStore(new RedisKeyStore(client, listKey), client::shutdown);
        }
        if (applicationClients.isResolvable()) {
            LOG.debugf("Data protection uses the application's RedissonClient bean for Redis list %s", listKey);
            return ConfiguredKeyStore.unmanaged(new RedisKeyStore(applicationClients.get(), listKey));
        }
        throw ConfigErrors.missing("redis.hosts", "quarkus.data-protection.key-store=redis needs the Redis servers, "
                + "e.g. quarkus.data-protection.redis.hosts=redis://localhost:6379, or an application bean of type "
                + "org.redisson.api.RedissonClient"
                + (applicationClients.isAmbiguous() ? " (the application has several; expose exactly one)" : ""));
    }

    static RedisConnectionSettings settings(DataProtectionConfig.Redis redis) {
        List<URI> hosts = redis.hosts().orElseThrow();
        for (URI host : hosts) {
            String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || host.getHost() == null) {
                throw ConfigErrors.invalid("redis.hosts", host, "each host must be a redis://host:port or "
                        + "rediss://host:port URI");
            }
        }
        switch (redis.mode()) {
            case STANDALONE -> {
                if (hosts.size() != 1) {
                    throw ConfigErrors.invalid("redis.hosts", hosts, "standalone mode takes exactly one host; "
                            + "set quarkus.data-protection.redis.mode=cluster or sentinel for several");
                }
                forbidMasterName(redis);
            }
            case SENTINEL -> {
                if (redis.masterName().isEmpty() || redis.masterName().get().isBlank()) {
                    throw ConfigErrors.missing("redis.master-name", "quarkus.data-protection.redis.mode=sentinel "
                            + "needs the name of the master the sentinels monitor");
                }
            }
            case CLUSTER -> {
                forbidMasterName(redis);
                if (redis.database() != 0) {
                    throw ConfigErrors.invalid("redis.database", redis.database(),
                            "Redis Cluster only has database 0; remove quarkus.data-protection.redis.database");
                }
            }
        }
        if (redis.database() < 0) {
            throw ConfigErrors.invalid("redis.database", redis.database(), "a database index is 0 or more");
        }
        if (redis.connectTimeout().isZero() || redis.connectTimeout().isNegative()) {
            throw ConfigErrors.invalid("redis.connect-timeout", redis.connectTimeout(), "it must be positive, e.g. 10S");
        }
        return toSettings(redis, hosts);
    }

    private static String listKey(DataProtectionConfig.Redis redis) {
        if (redis.listKey().isBlank()) {
            throw ConfigErrors.invalid("redis.list-key", "''", "name the Redis list, e.g. DataProtection-Keys");
        }
        return redis.listKey();
    }

    private static void forbidMasterName(DataProtectionConfig.Redis redis) {
        if (redis.masterName().isPresent()) {
            throw ConfigErrors.invalid("redis.master-name", redis.masterName().get(), "only sentinel mode has a "
                    + "master name; set quarkus.data-protection.redis.mode=sentinel or remove the master name");
        }
    }

    private static RedisConnectionSettings toSettings(DataProtectionConfig.Redis redis, List<URI> hosts) {
        throw new UnsupportedOperationException("waiting for RedisConnectionSettings");
    }
}
