package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** A whole provider over Redis while Redis is down at start, and while it goes down and comes back. */
class RedisProviderOutageTest {

    static DataProtectionProvider provider(RedissonClient client) {
        return DataProtectionProvider.builder().applicationName("shop").repository(new RedisXmlRepository(client)).build();
    }

    @Test
    void redisDownAtStart_providerStartsNotReady_andBecomesReadyWithOneKeyWhenRedisIsUp() {
        try (RedisServer redis = RedisServers.standalone()) {
            redis.stop();
            RedissonClient client = RedissonClients.create(RedisXmlRepositoryOutageTest.fastFailing(redis.uri()));
            try (DataProtectionProvider provider = provider(client)) {
                assertThat(provider.status().isReady()).isFalse();
                assertThat(provider.status().lastRefreshError()).isPresent();

                redis.restart();
                await(() -> provider.status().isReady(), Duration.ofSeconds(30));

                DataProtector protector = provider.createProtector("cart");
                assertThat(protector.unprotect(protector.protect("x"))).isEqualTo("x");
                assertThat(redis.lrange("DataProtection-Keys")).hasSize(1);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void redisDownWhileRunning_keepsProtectingFromTheCachedRing() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisXmlRepositoryOutageTest.fastFailing(redis.uri()));
            try (DataProtectionProvider provider = provider(client)) {
                DataProtector protector = provider.createProtector("cart");
                String before = protector.protect("before");

                redis.kill();
                assertThat(protector.unprotect(before)).isEqualTo("before");
                assertThat(protector.unprotect(protector.protect("during"))).isEqualTo("during");
            } finally {
                client.shutdown();
            }
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", timeout).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
