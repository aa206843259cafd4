package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The pool settings reach Redisson: the connections Redis sees (CLIENT LIST) follow them. */
class RedisConnectionPoolTest {

    @Test
    void defaults_openOneCommandConnectionAndOnePubSubConnection_notRedissonsTwentyFive() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
            try {
                new RedisXmlRepository(client).readAll();

                assertThat(ourConnections(redis)).isEqualTo(RedisConnectionSettings.DEFAULT_MINIMUM_IDLE_CONNECTIONS + 1L);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void minimumIdle_opensThatManyCommandConnections() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri())
                    .withPool(5, 6));
            try {
                new RedisXmlRepository(client).readAll();

                assertThat(ourConnections(redis)).isEqualTo(5L + 1);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void maximum_boundsTheConnections_underConcurrentReads() throws Exception {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri())
                    .withPool(0, 2));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                RedisXmlRepository store = new RedisXmlRepository(client);
                store.add(RedisXmlRepositoryTest.KEY_1, "key-1");
                List<Future<?>> reads = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    reads.add(pool.submit(store::readAll));
                }
                for (Future<?> read : reads) {
                    read.get();
                }

                // Redisson's default pool would have opened up to 64; the pub/sub connection of add() is the +1.
                assertThat(ourConnections(redis)).isBetween(1L, 2L + 1);
            } finally {
                pool.shutdownNow();
                client.shutdown();
            }
        }
    }

    private static long ourConnections(RedisServer redis) {
        String list = String.valueOf(redis.command("CLIENT", "LIST"));
        return list.lines().filter(line -> line.contains(" name=" + RedissonClients.CLIENT_NAME + " ")).count();
    }
}
