package io.quarkiverse.dataprotection.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.dataprotection.crypto.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.crypto.ValidationAlgorithm;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data protection settings read when the application starts. */
@ConfigMapping(prefix = "quarkus.data-protection")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DataProtectionConfig {

    /**
     * The application name at the root of every purpose chain (ASP.NET Core's {@code SetApplicationName}). Two
     * applications sharing a key ring unprotect each other's payloads only when their names are equal, so set the
     * same value as the ASP.NET Core application you interoperate with. Defaults to {@code quarkus.application.name}.
     */
    Optional<String> applicationName();

    /**
     * How long a newly created key is used to protect data. At least 7 days (ASP.NET Core's minimum).
     */
    @WithDefault("90D")
    Duration keyLifetime();

    /**
     * When set, keys that expired longer than this ago are deleted from the store by the background refresh (never
     * the default key). Off by default, as in ASP.NET Core: data protected with a deleted key can never be
     * unprotected again, so choose a period longer than any protected data lives.
     */
    Optional<Duration> keyRetention();

    /**
     * How often the key ring is read again from the store, so that keys created or revoked by another instance are
     * seen.
     */
    @WithDefault("5M")
    Duration refreshPeriod();

    /**
     * Whether keys are created automatically when there is no usable default key or the default key is about to
     * expire. Turn it off on instances that must only read a key ring managed elsewhere.
     */
    @WithDefault("true")
    boolean autoGenerateKeys();

    /** The algorithms of newly created keys. */
    @ConfigDocSection
    Algorithm algorithm();

    /** The file system key store, used when {@code quarkus.data-protection.key-store=file}. */
    @ConfigDocSection
    File file();

    /** The Redis key store, used when {@code quarkus.data-protection.key-store=redis}. */
    @ConfigDocSection
    Redis redis();

    /** The algorithms of newly created keys; existing keys keep theirs. */
    interface Algorithm {

        /** The encryption algorithm of new keys, named as in ASP.NET Core's key XML. */
        @WithDefault("AES_256_CBC")
        EncryptionAlgorithm encryption();

        /**
         * The validation (MAC) algorithm of new keys when the encryption algorithm is a CBC mode. Defaults to
         * {@code HMACSHA256}; must not be set with a GCM encryption algorithm, which authenticates by itself.
         */
        Optional<ValidationAlgorithm> validation();
    }

    /** The file system key store. */
    interface File {

        /**
         * The directory holding one {@code key-<id>.xml} file per key. Created when missing. Share it (for example a
         * mounted volume) between instances that must read each other's payloads.
         */
        @WithDefault("${user.home}/.local/share/quarkus-data-protection/keys")
        String directory();
    }

    /** The Redis key store. */
    interface Redis {

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
        Duration connectTimeout();
    }
}
