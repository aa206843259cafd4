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

    /** How long to wait for the reply to one command once sent, before it is retried or fails. */
    @WithDefault("3S")
    @WithConverter(DurationConverter.class)
    Duration commandTimeout();

    /** How often a failed or timed-out command is retried before the key store reports a failure. */
    @WithDefault("3")
    int retryAttempts();

    /** How long to wait before each retry of a failed command. */
    @WithDefault("500MS")
    @WithConverter(DurationConverter.class)
    Duration retryInterval();

    /** The connection pool to each Redis server (the master, in sentinel and cluster mode). */
    Pool pool();

    /**
     * Trust store and key store for {@code rediss://} hosts. The Quarkus extension's
     * {@code tls-configuration-name} (the Quarkus TLS registry) has no counterpart in a plain CDI container.
     */
    Tls tls();

    /** Sizes of the connection pool. */
    interface Pool {

        /** Connections kept open to each server; 0 opens connections only when needed. */
        @WithDefault("1")
        int minIdle();

        /** The most connections to each server; pub/sub (change notifications) uses one or two more. */
        @WithDefault("4")
        int maxSize();
    }

    /** TLS stores of the Redis connections. */
    interface Tls {

        /** The servers' CA certificates; without it, the JVM's default trust store is used. */
        Store trustStore();

        /** The client certificate and its private key, for servers started with {@code tls-auth-clients yes}. */
        Store keyStore();
    }

    /** A key store or trust store file. */
    interface Store {

        /** The file. */
        Optional<String> path();

        /** Its password; PEM files have none. */
        Optional<String> password();

        /**
         * {@code PKCS12}, {@code JKS} or, for the trust store only, {@code PEM}; by default guessed from the file name
         * ({@code .jks} is JKS, {@code .pem}, {@code .crt} and {@code .cer} are PEM, anything else PKCS12).
         */
        Optional<String> type();
    }

    /** How the Redis hosts are used; mirrors the Redis module's mode without loading it. */
    enum RedisMode {
        STANDALONE,
        SENTINEL,
        CLUSTER
    }
}
