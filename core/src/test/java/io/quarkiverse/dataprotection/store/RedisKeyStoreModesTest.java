package io.quarkiverse.dataprotection.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.testing.RedisCluster;
import io.quarkiverse.dataprotection.testing.RedisSentinelGroup;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The store through Redisson's sentinel and cluster modes, against real sentinel and cluster deployments. */
class RedisKeyStoreModesTest {

    @Test
    void sentinel_singleSentinel_storeRoundTripsOnTheMaster() {
        try (RedisSentinelGroup group = RedisServers.sentinel()) {
            RedisConnectionSettings settings = RedisConnectionSettings.sentinel(group.masterName(),
                    List.of(group.sentinelUri()));
            RedissonClient client = RedissonClients.create(settings);
            try {
                RedisKeyStore store = new RedisKeyStore(client);
                store.add(RedisKeyStoreTest.KEY_1, "key-1");
                store.add(RedisKeyStoreTest.REVOCATION, "revocation-1");

                assertThat(group.master().lrange("DataProtection-Keys"))
                        .containsExactly(RedisKeyStoreTest.KEY_1, RedisKeyStoreTest.REVOCATION);
                // Read back at once: reads go to the master, so a key just added is never missed.
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisKeyStoreTest.KEY_1, RedisKeyStoreTest.REVOCATION);

                store.remove(List.of(new StoredElement(null, RedisKeyStoreTest.KEY_1)));
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisKeyStoreTest.REVOCATION);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void cluster_storeRoundTrips_andDerivedKeysShareTheListSlot() {
        try (RedisCluster cluster = RedisServers.cluster()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.cluster(cluster.uris()));
            try {
                RedisKeyStore store = new RedisKeyStore(client);
                cluster.command("RPUSH", "DataProtection-Keys", RedisKeyStoreTest.KEY_1);
                store.add(RedisKeyStoreTest.KEY_2, "key-2");

                assertThat(cluster.command("LRANGE", "DataProtection-Keys", "0", "-1"))
                        .isEqualTo(List.of(RedisKeyStoreTest.KEY_1, RedisKeyStoreTest.KEY_2));
                assertThat(store.readAll()).extracting(StoredElement::xml)
                        .containsExactly(RedisKeyStoreTest.KEY_1, RedisKeyStoreTest.KEY_2);
                store.remove(List.of(new StoredElement(null, RedisKeyStoreTest.KEY_2)));
                assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly(RedisKeyStoreTest.KEY_1);

                Object listSlot = cluster.command("CLUSTER", "KEYSLOT", "DataProtection-Keys");
                assertThat(cluster.command("CLUSTER", "KEYSLOT", RedisKeyNames.versionKey("DataProtection-Keys")))
                        .isEqualTo(listSlot);
                assertThat(cluster.command("CLUSTER", "KEYSLOT", RedisKeyNames.changesChannel("DataProtection-Keys")))
                        .isEqualTo(listSlot);
            } finally {
                client.shutdown();
            }
        }
    }
}
