package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** Credentials and database selection from RedisConnectionSettings reach Redis. */
class RedisXmlRepositoryConnectionTest {

    /** Also the least privilege the store needs, as documented on RedisXmlRepository. */
    @Test
    void aclUserAndPassword_areUsed_andTheDocumentedMinimalAclSuffices() throws Exception {
        try (RedisServer redis = RedisServers.standalone("user default off",
                "user dp on >dp-pass ~DataProtection-Keys ~{DataProtection-Keys}:version &DataProtection-Keys:changes "
                        + "+@connection +@scripting +@pubsub +lrange +rpush +lrem +llen +lindex +get +incr")) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri())
                    .withCredentials("dp", "dp-pass"));
            try {
                RedisXmlRepository store = new RedisXmlRepository(client);
                store.add(RedisXmlRepositoryTest.KEY_1, "key-1");
                assertThat(store.addIfVersion(store.version(), RedisXmlRepositoryTest.KEY_2, "key-2")).isTrue();
                store.remove(List.of(new StoredElement(null, RedisXmlRepositoryTest.KEY_2)));
                assertThat(store.readVersioned().elements()).extracting(StoredElement::xml)
                        .containsExactly(RedisXmlRepositoryTest.KEY_1);
                assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly(RedisXmlRepositoryTest.KEY_1);

                // Pub/sub under the ACL; subscribing is asynchronous, so announce until it is heard.
                CountDownLatch heard = new CountDownLatch(1);
                try (AutoCloseable subscription = store.subscribe(heard::countDown)) {
                    for (int i = 0; i < 50 && heard.getCount() > 0; i++) {
                        store.add("<ping/>", "ping");
                        heard.await(100, TimeUnit.MILLISECONDS);
                    }
                }
                assertThat(heard.getCount()).isZero();
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void wrongPassword_failsWithKeyStoreException_withoutThePassword() {
        try (RedisServer redis = RedisServers.standalone("requirepass right-pass")) {
            RedissonClient client = RedissonClients.create(RedisXmlRepositoryOutageTest.fastFailing(redis.uri())
                    .withCredentials(null, "wrong-pass"));
            try {
                assertThatThrownBy(() -> new RedisXmlRepository(client).readAll())
                        .isInstanceOf(XmlRepositoryException.class)
                        .hasMessageContaining("'DataProtection-Keys'")
                        .hasMessageNotContaining("wrong-pass")
                        .hasMessageNotContaining("right-pass");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void database_isSelected() {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri())
                    .withDatabase(3));
            try {
                new RedisXmlRepository(client).add(RedisXmlRepositoryTest.KEY_1, "key-1");
                assertThat(redis.info("keyspace")).as("the list and its version key")
                        .contains("db3:keys=2").doesNotContain("db0:");
            } finally {
                client.shutdown();
            }
        }
    }
}
