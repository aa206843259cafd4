package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildInfo;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkus.test.QuarkusUnitTest;

/** With the Redis extension, the only store extension present, the key store is Redis without any key-store setting. */
class RedisIsTheDefaultKeyStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ApplicationRedis.class));

    /** The application's Redis client (and, for the test, the server behind it). */
    @Singleton
    static class ApplicationRedis {

        final RedisServer server = RedisServers.standalone();
        final RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(server.uri()));

        @Produces
        @Singleton
        RedissonClient client() {
            return client;
        }

        @PreDestroy
        void stop() {
            client.shutdown();
            server.close();
        }
    }

    @Inject
    DataProtectionBuildInfo buildInfo;

    @Inject
    DataProtectionProvider provider;

    @Inject
    ApplicationRedis redis;

    @Test
    void noKeyStoreSetting_withTheRedisExtension_storesKeysInRedis() throws Exception {
        assertThat(buildInfo.keyStore()).isEqualTo("redis");
        // the key ring is read in the background at start
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(provider.status().store()).isEqualTo("redis:DataProtection-Keys");
        assertThat(redis.server.lrange("DataProtection-Keys")).hasSize(1);
    }
}
