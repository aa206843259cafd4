package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.RedisCluster;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * A Redis Cluster one of whose masters is dead when the application starts. With Redisson's slot-coverage check on
 * (its default), the first command waits until every slot is served, so {@code build()} blocked for minutes and
 * still did a minute after the node returned; without it, the provider starts, reports not ready, and becomes
 * ready once the list key's slot is served again.
 */
class RedisClusterMasterDownTest {

    /** Only a guard against a hang: a start measured well under 10 s here must not block the test run. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

    @Test
    @Timeout(180)
    void masterOfTheListKeySigkilledBeforeStart_buildReturnsNotReady_andBecomesReadyWhenTheMasterIsBack() {
        try (RedisCluster cluster = RedisServers.cluster()) {
            RedisServer owner = cluster.masterOf(RedisKeyNames.DEFAULT_LIST_KEY);
            owner.kill();
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.cluster(cluster.uris())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), 1));
            try {
                long start = System.nanoTime();
                DataProtectionProvider provider = assertTimeoutPreemptively(HANG_GUARD,
                        () -> DataProtectionProvider.builder().repository(new RedisXmlRepository(client))
                                .refreshPeriod(Duration.ofSeconds(1)).build());
                long buildMillis = (System.nanoTime() - start) / 1_000_000;
                try (provider) {
                    assertThat(provider.status().isReady()).as("no key ring read yet").isFalse();
                    assertThat(provider.status().lastRefreshError()).isPresent();

                    long restarted = System.nanoTime();
                    owner.restart(); // empty, with its slots (nodes.conf kept)
                    cluster.awaitOk();
                    long clusterOkMillis = (System.nanoTime() - restarted) / 1_000_000;
                    await(() -> provider.status().isReady(), Duration.ofSeconds(60));
                    Measurements.record("cluster master down at start", "build() returned after %d ms, not ready; "
                            + "master restarted: cluster_state:ok after %d ms, provider ready after %d ms",
                            buildMillis, clusterOkMillis, (System.nanoTime() - restarted) / 1_000_000);

                    DataProtector protector = provider.createProtector("cart");
                    assertThat(protector.unprotect(protector.protect("x"))).isEqualTo("x");
                    assertThat((List<?>) cluster.command("LRANGE", RedisKeyNames.DEFAULT_LIST_KEY, "0", "-1"))
                            .hasSize(1);
                }
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
