package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisCluster;
import io.quarkiverse.dataprotection.testing.RedisSentinelGroup;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The store and providers through Redisson's sentinel and cluster modes, against real deployments. */
class RedisXmlRepositoryModesTest {

    @Test
    void sentinel_singleSentinel_storeRoundTripsOnTheMaster_andAfterAFailover_andProvidersShareOneKey() throws Exception {
        try (RedisSentinelGroup group = RedisServers.sentinel()) {
            RedisConnectionSettings settings = RedisConnectionSettings.sentinel(group.masterName(),
                    List.of(group.sentinelUri()));
            RedissonClient client = RedissonClients.create(settings);
            try {
                RedisXmlRepository store = new RedisXmlRepository(client);
                store.add(RedisXmlRepositoryTest.KEY_1, "key-1");
                store.add(RedisXmlRepositoryTest.REVOCATION, "revocation-1");

                assertThat(group.master().lrange("DataProtection-Keys"))
                        .containsExactly(RedisXmlRepositoryTest.KEY_1, RedisXmlRepositoryTest.REVOCATION);
                // Read back at once: reads go to the master, so a key just added is never missed.
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisXmlRepositoryTest.KEY_1, RedisXmlRepositoryTest.REVOCATION);

                store.remove(List.of(new StoredElement(null, RedisXmlRepositoryTest.KEY_1)));
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisXmlRepositoryTest.REVOCATION);

                // After a failover Redisson follows the sentinel to the new master; the ring is all there.
                group.failover();
                awaitSuccess(() -> store.add(RedisXmlRepositoryTest.KEY_2, "key-2"));
                assertThat(group.currentMaster().lrange("DataProtection-Keys"))
                        .containsExactly(RedisXmlRepositoryTest.REVOCATION, RedisXmlRepositoryTest.KEY_2);
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisXmlRepositoryTest.REVOCATION, RedisXmlRepositoryTest.KEY_2);

                twoProvidersStartingTogetherShareOneKey(settings,
                        () -> group.currentMaster().lrange("shop-keys"));
            } finally {
                client.shutdown();
            }
        }
    }

    /** Two providers on separate clients, started at the same moment, create one key and read each other's payloads. */
    private static void twoProvidersStartingTogetherShareOneKey(RedisConnectionSettings settings,
            Supplier<List<?>> rawList) throws Exception {
        RedissonClient a = RedissonClients.create(settings);
        RedissonClient b = RedissonClients.create(settings);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DataProtectionProvider> startA = pool.submit(() -> provider(a));
            Future<DataProtectionProvider> startB = pool.submit(() -> provider(b));
            try (DataProtectionProvider providerA = startA.get(30, TimeUnit.SECONDS);
                    DataProtectionProvider providerB = startB.get(30, TimeUnit.SECONDS)) {
                assertThat(rawList.get()).hasSize(1);
                String payload = providerA.createProtector("cart").protect("x");
                assertThat(providerB.createProtector("cart").unprotect(payload)).isEqualTo("x");
            }
        } finally {
            pool.shutdownNow();
            a.shutdown();
            b.shutdown();
        }
    }

    private static DataProtectionProvider provider(RedissonClient client) {
        return DataProtectionProvider.builder().applicationName("shop")
                .repository(new RedisXmlRepository(client, "shop-keys")).build();
    }

    /** Retries an operation that fails while the client switches to the new master. */
    private static void awaitSuccess(Runnable operation) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                operation.run();
                return;
            } catch (XmlRepositoryException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void cluster_storeRoundTrips_andConditionalAppendWorks_andProvidersShareOneKey() throws Exception {
        try (RedisCluster cluster = RedisServers.cluster()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.cluster(cluster.uris()));
            try {
                RedisXmlRepository store = new RedisXmlRepository(client);
                cluster.command("RPUSH", "DataProtection-Keys", RedisXmlRepositoryTest.KEY_1);
                store.add(RedisXmlRepositoryTest.KEY_2, "key-2");

                assertThat(cluster.command("LRANGE", "DataProtection-Keys", "0", "-1"))
                        .isEqualTo(List.of(RedisXmlRepositoryTest.KEY_1, RedisXmlRepositoryTest.KEY_2));
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisXmlRepositoryTest.KEY_1, RedisXmlRepositoryTest.KEY_2);
                store.remove(List.of(new StoredElement(null, RedisXmlRepositoryTest.KEY_2)));
                assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly(RedisXmlRepositoryTest.KEY_1);

                String version = store.version();
                assertThat(store.addIfVersion(version, RedisXmlRepositoryTest.KEY_2, "key-2")).isTrue();
                assertThat(store.addIfVersion(version, RedisXmlRepositoryTest.REVOCATION, "revocation")).isFalse();
                assertThat(store.readVersioned().version()).isEqualTo(store.version()).isNotEqualTo(version);

                RedisXmlRepository tagged = new RedisXmlRepository(client, "{app}:keys"); // its own hash tag
                tagged.add(RedisXmlRepositoryTest.KEY_1, "key-1");
                assertThat(tagged.addIfVersion(tagged.version(), RedisXmlRepositoryTest.KEY_2, "key-2")).isTrue();
                assertThat(cluster.command("GET", "{app}:keys:version")).isEqualTo("2");

                twoProvidersStartingTogetherShareOneKey(RedisConnectionSettings.cluster(cluster.uris()),
                        () -> (List<?>) cluster.command("LRANGE", "shop-keys", "0", "-1"));
            } finally {
                client.shutdown();
            }
        }
    }
}
