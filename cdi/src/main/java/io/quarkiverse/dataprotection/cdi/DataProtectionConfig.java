package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.util.Optional;

import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every {@code quarkus.data-protection.*} setting of the Quarkus extension, with its names and defaults, read through
 * SmallRye Config in a plain CDI container. The Quarkus extension's {@code DataProtectionConfig} and
 * {@code DataProtectionBuildTimeConfig} are the reference; here {@code key-store} is chosen at run time, and
 * {@code health.enabled} is accepted but has no effect. Durations take the Quarkus forms ({@link DurationConverter}).
 * Only the types of core and the JDK appear here, so that the mapping loads without the optional Redis and Azure
 * modules.
 */
@ConfigMapping(prefix = "quarkus.data-protection")
interface DataProtectionConfig {

    /**
     * Where the key ring is stored: {@code file} (one XML file per key in {@code file.directory}), {@code redis} (a
     * Redis list; needs {@code io.quarkiverse.dataprotection:data-protection-redis}), {@code jdbc} (a database table
     * over a {@code javax.sql.DataSource} bean; needs {@code io.quarkiverse.dataprotection:data-protection-jdbc}) or
     * {@code memory} (lost at shutdown; for tests). An application bean of type {@code XmlRepository} replaces it.
     */
    @WithDefault("file")
    KeyStoreKind keyStore();

    /** Health check settings; accepted so that one configuration serves Quarkus and Weld, ignored here. */
    Health health();

    /**
     * The application name at the root of every purpose chain (ASP.NET Core's {@code SetApplicationName}). Defaults to
     * {@code quarkus.application.name}.
     */
    Optional<String> applicationName();

    /** How long a newly created key is used to protect data. At least 7 days (ASP.NET Core's minimum). */
    @WithDefault("90D")
    @WithConverter(DurationConverter.class)
    Duration keyLifetime();

    /**
     * How long a new key takes to reach every instance (ASP.NET Core: 2 days): it decides when the default key's
     * successor is created and orders the fallback key. With the 24-hour refresh allowance it must stay shorter than
     * the key lifetime.
     */
    @WithDefault("2D")
    @WithConverter(DurationConverter.class)
    Duration propagationWindow();

    /** When set, keys that expired longer than this ago are deleted by the background refresh. Off by default. */
    Optional<@WithConverter(DurationConverter.class) Duration> keyRetention();

    /** How often the key ring is read again from the store. */
    @WithDefault("5M")
    @WithConverter(DurationConverter.class)
    Duration refreshPeriod();

    /** Whether keys are created automatically when there is no usable default key or it is about to expire. */
    @WithDefault("true")
    boolean autoGenerateKeys();

    /** Whether key ring elements a store lost are put back, exactly as last read. */
    @WithDefault("true")
    boolean restoreLostKeys();

    /**
     * Whether the key ring is read for the first time on its background thread instead of while the provider is
     * built, so a remote store never delays the container's start; until that read is done the provider's status is
     * {@code starting} (not ready) and protect, unprotect and the key manager wait for it. Only with background refresh.
     */
    @WithDefault("true")
    boolean firstReadInBackground();

    /** The algorithms of newly created keys. */
    Algorithm algorithm();

    /** The file system key store, used when {@code key-store=file}. */
    File file();

    /** The Redis key store, used when {@code key-store=redis}. */
    RedisConfig redis();

    /** The database key store, used when {@code key-store=jdbc}. */
    JdbcConfig jdbc();

    /** Encryption of the master keys at rest. */
    KeyEncryptionConfig keyEncryption();

    /** Health check settings. */
    interface Health {

        /** The Quarkus readiness check switch; a plain CDI container has no health check, so it has no effect. */
        @WithDefault("true")
        boolean enabled();
    }

    /** The algorithms of newly created keys; existing keys keep theirs. */
    interface Algorithm {

        /** The encryption algorithm of new keys, named as in ASP.NET Core's key XML. */
        @WithDefault("AES_256_CBC")
        EncryptionAlgorithm encryption();

        /** The validation algorithm of CBC keys; defaults to {@code HMACSHA256}; must not be set with GCM. */
        Optional<ValidationAlgorithm> validation();
    }

    /** The file system key store. */
    interface File {

        /**
         * The directory holding one {@code key-<id>.xml} file per key; created when missing. Defaults to
         * {@code ${user.home}/.local/share/quarkus-data-protection/keys}, computed here rather than written as a
         * config expression so that a configuration without system properties still works.
         */
        Optional<String> directory();
    }
}
