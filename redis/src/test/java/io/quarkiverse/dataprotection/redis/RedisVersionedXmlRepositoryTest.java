package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The Redis store's version, conditional append and change notifications, against a real server. */
class RedisVersionedXmlRepositoryTest {

    static RedisServer redis;
    static RedissonClient client;
    static RedissonClient otherClient;
    RedisXmlRepository store;
    RedisXmlRepository otherInstance;

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.standalone();
        client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
        otherClient = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
    }

    @AfterAll
    static void stopRedis() {
        if (client != null) {
            client.shutdown();
            otherClient.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
        store = new RedisXmlRepository(client);
        otherInstance = new RedisXmlRepository(otherClient);
    }

    @Test
    void version_isStableWithoutChanges_andChangesWithEveryChange_includingARawRpushFromDotNet() {
        String empty = store.version();
        assertThat(store.version()).isEqualTo(empty);

        store.add(RedisXmlRepositoryTest.KEY_1, "key-1");
        String afterAdd = store.version();
        assertThat(afterAdd).isNotEqualTo(empty);

        redis.rpush("DataProtection-Keys", RedisXmlRepositoryTest.KEY_2); // what a .NET instance does
        String afterRawPush = store.version();
        assertThat(afterRawPush).isNotEqualTo(afterAdd);

        store.remove(List.of(new StoredElement(null, RedisXmlRepositoryTest.KEY_2)));
        String afterRemove = store.version();
        assertThat(afterRemove).as("the content is as after the add, but this store counted a change")
                .isNotEqualTo(afterAdd).isNotEqualTo(afterRawPush);
        assertThat(otherInstance.version()).isEqualTo(afterRemove);

        redis.command("LREM", "DataProtection-Keys", "1", RedisXmlRepositoryTest.KEY_1); // an operator's removal
        assertThat(store.version()).isNotEqualTo(afterRemove);
    }

    @Test
    void everyChange_incrementsTheVersionKey_andTheListStaysAspNetsLayout() {
        store.add(RedisXmlRepositoryTest.KEY_1, "key-1");
        store.add(RedisXmlRepositoryTest.KEY_2, "key-2");

        assertThat(redis.command("GET", "{DataProtection-Keys}:version")).isEqualTo("2");
        assertThat(redis.command("TYPE", "DataProtection-Keys")).isEqualTo("list");
        assertThat(redis.lrange("DataProtection-Keys")).containsExactly(RedisXmlRepositoryTest.KEY_1,
                RedisXmlRepositoryTest.KEY_2);
    }

    @Test
    void readVersioned_returnsTheElementsWithTheirVersion() {
        redis.rpush("DataProtection-Keys", RedisXmlRepositoryTest.KEY_1, RedisXmlRepositoryTest.REVOCATION);

        VersionedXmlRepository.VersionedElements read = store.readVersioned();

        assertThat(read.elements()).extracting(StoredElement::xml)
                .containsExactly(RedisXmlRepositoryTest.KEY_1, RedisXmlRepositoryTest.REVOCATION);
        assertThat(read.version()).isEqualTo(store.version());
    }

    @Test
    void addIfVersion_appendsOnlyWhileTheListIsUnchanged() {
        String version = store.version();
        redis.rpush("DataProtection-Keys", RedisXmlRepositoryTest.KEY_1);

        assertThat(store.addIfVersion(version, RedisXmlRepositoryTest.KEY_2, "key-2")).isFalse();
        assertThat(redis.lrange("DataProtection-Keys")).containsExactly(RedisXmlRepositoryTest.KEY_1);

        assertThat(store.addIfVersion(store.version(), RedisXmlRepositoryTest.KEY_2, "key-2")).isTrue();
        assertThat(redis.lrange("DataProtection-Keys")).containsExactly(RedisXmlRepositoryTest.KEY_1,
                RedisXmlRepositoryTest.KEY_2);
    }

    @Test
    void concurrentConditionalAppends_atOneVersion_exactlyOneWins() throws Exception {
        String version = store.version();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                RedisXmlRepository instance = i % 2 == 0 ? store : otherInstance;
                String xml = "<key id=\"" + i + "\"/>";
                Callable<Boolean> append = () -> {
                    start.await();
                    return instance.addIfVersion(version, xml, "key-" + xml);
                };
                results.add(pool.submit(append));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(redis.lrange("DataProtection-Keys")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void subscribe_hearsAnotherInstancesChanges_untilClosed() throws Exception {
        CountDownLatch heard = new CountDownLatch(1);
        AutoCloseable subscription = store.subscribe(heard::countDown);
        try {
            awaitSubscribed();
            otherInstance.add(RedisXmlRepositoryTest.KEY_1, "key-1");
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            subscription.close();
        }
        // Unsubscribing is asynchronous.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!List.of().equals(redis.command("PUBSUB", "CHANNELS", "*")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(redis.command("PUBSUB", "CHANNELS", "*")).isEqualTo(List.of());
    }

    @Test
    void subscribe_whileRedisIsDown_doesNotFail() throws Exception {
        try (RedisServer down = RedisServers.standalone()) {
            down.stop();
            RedissonClient lazy = RedissonClients.create(RedisXmlRepositoryOutageTest.fastFailing(down.uri()));
            try {
                AutoCloseable subscription = new RedisXmlRepository(lazy).subscribe(() -> {
                });
                subscription.close();
            } finally {
                lazy.shutdown();
            }
        }
    }

    private static void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!List.of("DataProtection-Keys:changes").equals(redis.command("PUBSUB", "CHANNELS", "*"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
