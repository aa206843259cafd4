package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * {@code quarkus.data-protection.redis.*}: the Redis key store, used when {@code key-store=redis}. Plain JDK types
 * only, so that the mapping loads without Redisson.
 */
interface RedisConfig {

    /** The Redis list holding the key XML elements; ASP.NET Core's default is {@code DataProtection-Keys}. */
    @WithDefault("DataProtection-Keys")
    String listKey();

    /**
     * The Redis servers as {@code redis://host:port} or {@code rediss://host:port} URIs: one for standalone, the
     * sentinels for sentinel, seed nodes for cluster. When not set, the application's own
     * {@code org.redisson.api.RedissonClient} bean is used (and never shut down here).
     */
    Optional<List<String>> hosts();

    /** How the hosts are used. */
    @WithDefault("standalone")
    RedisMode mode();

    /** The master name the sentinels monitor. Required with {@code mode=sentinel}, not allowed otherwise. */
    Optional<String> masterName();

    /** The user name for Redis ACL authentication (Redis 6+). */
    Optional<String> username();

    /** The password for Redis authentication. */
    Optional<String> password();

    /** The database index. Not allowed with {@code mode=cluster}, which only has database 0. */
    @WithDefault("0")
    int database();

    /** How long to wait for a connection to a Redis server. */
    @WithDefault("10S")
    @WithConverter(DurationConverter.class)
    Duration connectTimeout();

    /** How the Redis hosts are used; mirrors the Redis module's mode without loading it. */
    enum RedisMode {
        STANDALONE,
        SENTINEL,
        CLUSTER
    }
}
