package io.quarkiverse.dataprotection.redis.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Redis key store. Used when {@code quarkus.data-protection.key-store=redis}, the default with this extension. */
@ConfigMapping(prefix = "quarkus.data-protection.redis")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DataProtectionRedisConfig {

    /** The Redis list holding the key XML elements; ASP.NET Core's default is {@code DataProtection-Keys}. */
    @WithDefault("DataProtection-Keys")
    String listKey();

    /**
     * The Redis servers, as {@code redis://host:port} or {@code rediss://host:port} (TLS) URIs: one for
     * {@code standalone}, the sentinels for {@code sentinel}, seed nodes for {@code cluster}. When not set, the
     * application's own {@code org.redisson.api.RedissonClient} bean is used (and never shut down by this
     * extension). Credentials do not belong in the URIs: use {@code username} and {@code password}.
     */
    Optional<List<String>> hosts();

    /**
     * How the hosts are used: {@code standalone} (one server), {@code sentinel} (the hosts are sentinels watching the
     * master named by {@code master-name}) or {@code cluster} (the hosts are seed nodes of a Redis Cluster).
     */
    @WithDefault("standalone")
    RedisMode mode();

    /** The master name the sentinels monitor. Required with {@code mode=sentinel}, not allowed otherwise. */
    Optional<String> masterName();

    /** The user name for Redis ACL authentication (Redis 6+). */
    Optional<String> username();

    /** The password for Redis authentication. */
    Optional<String> password();

    /** The database index. Must be 0 with {@code mode=cluster}, which only has database 0. */
    @WithDefault("0")
    int database();

    /** How long to wait for a connection to a Redis server. */
    @WithDefault("10S")
    Duration connectTimeout();
}
