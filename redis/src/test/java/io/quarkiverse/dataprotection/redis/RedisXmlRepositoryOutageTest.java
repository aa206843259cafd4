package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** Redis going away and coming back, with a client that gives up quickly. */
class RedisXmlRepositoryOutageTest {

    static RedisConnectionSettings fastFailing(String uri) {
        return RedisConnectionSettings.standalone(uri)
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), 1);
    }

    @Test
    void storeDown_failsWithKeyStoreExceptionNamingTheList_andRecoversWhenRedisIsBack() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(fastFailing(redis.uri()));
            try {
                RedisXmlRepository store = new RedisXmlRepository(client, "dp-outage");
                store.add("<key id=\"1\"/>", "key-1");

                redis.kill();
                assertThatThrownBy(store::readAll)
                        .isInstanceOf(XmlRepositoryException.class)
                        .hasMessageContaining("'dp-outage'")
                        .hasMessageContaining("could not be read");
                assertThatThrownBy(() -> store.add("<key id=\"2\"/>", "key-2"))
                        .isInstanceOf(XmlRepositoryException.class)
                        .hasMessageContaining("'dp-outage'");
                assertThatThrownBy(() -> store.remove(List.of(new StoredElement(null, "<key id=\"1\"/>"))))
                        .isInstanceOf(XmlRepositoryException.class)
                        .hasMessageContaining("'dp-outage'");

                redis.restart(); // empty: no persistence
                awaitReadable(store);
                store.add("<key id=\"3\"/>", "key-3");
                assertThat(redis.lrange("dp-outage")).containsExactly("<key id=\"3\"/>");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void clientCreatedWhileRedisIsDown_doesNotFail_andWorksOnceRedisIsUp() {
        try (RedisServer redis = RedisServers.standalone()) {
            redis.stop();
            RedissonClient client = RedissonClients.create(fastFailing(redis.uri()));
            try {
                RedisXmlRepository store = new RedisXmlRepository(client);
                assertThatThrownBy(store::readAll).isInstanceOf(XmlRepositoryException.class)
                        .hasMessageContaining("'DataProtection-Keys'");

                redis.restart();
                redis.rpush("DataProtection-Keys", "<key id=\"1\"/>");
                assertThat(awaitReadable(store)).extracting(StoredElement::xml).containsExactly("<key id=\"1\"/>");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void describe_hidesCredentialsOfAnyUriInTheCause() {
        assertThat(RedisXmlRepository.describe(new RuntimeException("Unable to connect to redis://user:pw@host:6379")))
                .isEqualTo("Unable to connect to redis://***@host:6379");
    }

    private static List<StoredElement> awaitReadable(RedisXmlRepository store) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return store.readAll();
            } catch (XmlRepositoryException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
