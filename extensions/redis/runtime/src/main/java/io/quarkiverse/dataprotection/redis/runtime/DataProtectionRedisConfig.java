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

    /**
     * The password for Redis authentication. Prefer {@code credentials-provider}, which keeps it out of the
     * configuration; a password from the provider takes precedence over this one.
     */
    Optional<String> password();

    /**
     * The key the credentials provider is asked for, e.g. a Vault path; setting it turns the provider on. The
     * provider's {@code password} entry is used as the password, and its {@code user} entry, if any, as the user name.
     * Read once at start.
     */
    Optional<String> credentialsProvider();

    /**
     * The name of the credentials provider bean ({@code @Named}), when the application has several; by default the
     * only one.
     */
    Optional<String> credentialsProviderName();

    /** The database index. Must be 0 with {@code mode=cluster}, which only has database 0. */
    @WithDefault("0")
    int database();

    /** How long to wait for a connection to a Redis server. */
    @WithDefault("10S")
    Duration connectTimeout();

    /** How long to wait for the reply to one command once sent, before it is retried or fails. */
    @WithDefault("3S")
    Duration commandTimeout();

    /** How often a failed or timed-out command is retried before the key store reports a failure. */
    @WithDefault("3")
    int retryAttempts();

    /** How long to wait before each retry of a failed command. */
    @WithDefault("500MS")
    Duration retryInterval();

    /** The connection pool to each Redis server (the master, in sentinel and cluster mode). */
    Pool pool();

    /**
     * The name of a Quarkus TLS configuration ({@code quarkus.tls.<name>.*}) whose trust store and key store the
     * {@code rediss://} connections use. Not allowed together with {@code tls.trust-store} or {@code tls.key-store}.
     */
    Optional<String> tlsConfigurationName();

    /** Trust store and key store for {@code rediss://} hosts, when not taken from a Quarkus TLS configuration. */
    Tls tls();

    /** Sizes of the connection pool. */
    interface Pool {

        /**
         * Connections kept open to each server. The key ring is read once per refresh and polled once a second, so
         * one connection carries it; 0 opens connections only when needed.
         */
        @WithDefault("1")
        int minIdle();

        /**
         * The most connections to each server. Pub/sub (change notifications) uses one or two more, outside this
         * pool.
         */
        @WithDefault("4")
        int maxSize();
    }

    /** TLS stores of the Redis connections. */
    interface Tls {

        /**
         * The servers' CA certificates, for servers whose certificate a public CA did not sign. Without it, the JVM's
         * default trust store is used.
         */
        Store trustStore();

        /** The client certificate and its private key, for servers started with {@code tls-auth-clients yes}. */
        Store keyStore();
    }

    /** A key store or trust store file. */
    interface Store {

        /** The file. */
        Optional<java.nio.file.Path> path();

        /** Its password; PEM files have none. */
        Optional<String> password();

        /**
         * {@code PKCS12}, {@code JKS} or, for the trust store only, {@code PEM} (certificates); by default guessed from
         * the file name ({@code .jks} is JKS, {@code .pem}, {@code .crt} and {@code .cer} are PEM, anything else
         * PKCS12).
         */
        Optional<String> type();
    }
}
