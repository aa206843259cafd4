package io.quarkiverse.dataprotection.redis.runtime;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.runtime.DataProtectionBuildInfo;
import io.quarkus.runtime.StartupEvent;

/** Warns at start when Redis settings are given but the key store chosen at build time is another kind. */
@Singleton
class IgnoredRedisSettings {

    private static final Logger LOG = Logger.getLogger(IgnoredRedisSettings.class);

    void check(@Observes StartupEvent event, DataProtectionBuildInfo buildInfo, DataProtectionRedisConfig redis) {
        if (!"redis".equals(buildInfo.keyStore()) && redis.hosts().isPresent()) {
            LOG.warnf("quarkus.data-protection.redis.hosts is set but the key store is %s, so it is ignored; the key "
                    + "store is chosen at build time with quarkus.data-protection.key-store=redis", buildInfo.keyStore());
        }
    }
}
