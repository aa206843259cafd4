package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.quarkiverse.dataprotection.runtime.DataProtectionService;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/** Without redis.hosts, the application's RedissonClient is used, and the extension never shuts it down. */
class ApplicationRedissonClientTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ApplicationRedis.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "redis");

    /** The application's own Redis client (and, for the test, the server behind it). */
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
    DataProtectionProvider provider;

    @Inject
    ApplicationRedis redis;

    @Test
    void applicationClient_isUsed_andNotShutDownWithTheExtension() {
        var protector = provider.createProtector("orders");
        assertThat(protector.unprotect(protector.protect("via the application's client"))).isEqualTo(
                "via the application's client");
        assertThat(redis.server.lrange("DataProtection-Keys")).hasSize(1);

        Arc.container().instance(DataProtectionService.class).destroy();
        assertThat(redis.client.isShutdown()).isFalse();
    }
}
