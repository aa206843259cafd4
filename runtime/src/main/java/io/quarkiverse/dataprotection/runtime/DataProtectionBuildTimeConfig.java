package io.quarkiverse.dataprotection.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data protection settings fixed when the application is built. */
@ConfigMapping(prefix = "quarkus.data-protection")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface DataProtectionBuildTimeConfig {

    /**
     * Where the key ring is stored; a build-time choice.
     * <ul>
     * <li>{@code file}: one XML file per key in {@code quarkus.data-protection.file.directory}; readable by ASP.NET
     * Core's {@code PersistKeysToFileSystem} on the same directory.</li>
     * <li>{@code memory}: process memory only; keys and everything protected with them are lost at shutdown. For
     * tests.</li>
     * <li>{@code redis}: a Redis list shared by every instance (and by ASP.NET Core's
     * {@code PersistKeysToStackExchangeRedis} with the same list key); needs the
     * {@code io.quarkiverse.dataprotection:quarkus-data-protection-redis} extension.</li>
     * </ul>
     * When not set: the kind of the one store extension the application has (e.g. {@code redis} with
     * {@code quarkus-data-protection-redis}), else {@code file}. An application bean of type
     * {@code io.quarkiverse.dataprotection.spi.XmlRepository} replaces the configured store.
     */
    Optional<String> keyStore();

    /** Health check settings. */
    Health health();

    /** Health check settings. */
    interface Health {

        /**
         * Whether a readiness check named {@code data-protection} is published when the application has the
         * {@code quarkus-smallrye-health} extension. It is up when the key ring has a usable default key.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
