package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** The Redis key store against a real standalone redis-server, checked with raw RESP commands. */
class RedisXmlRepositoryTest {

    static final String KEY_1 = "<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\"><creationDate>"
            + "2015-03-19T23:32:02.3949887Z</creationDate></key>";
    static final String KEY_2 = "<key id=\"00000000-0000-0000-0000-000000000002\" version=\"1\"/>";
    static final String REVOCATION = "<revocation version=\"1\"><revocationDate>2015-03-20T22:45:45.7366491Z"
            + "</revocationDate><key id=\"*\" /><reason>Grüße, 鍵 rotated</reason></revocation>";

    static RedisServer redis;
    static RedissonClient client;
    RedisXmlRepository store;

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.standalone();
        client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
    }

    @AfterAll
    static void stopRedis() {
        if (client != null) {
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
        store = new RedisXmlRepository(client);
    }

    @Test
    void addReadAllRemove_roundTrip() {
        store.add(KEY_1, "key-80732141-ec8f-4b80-af9c-c4d2d1ff8901");
        store.add(KEY_2, "key-2");

        List<StoredElement> elements = store.readAll();
        assertThat(elements).containsExactly(new StoredElement(null, KEY_1), new StoredElement(null, KEY_2));

        store.remove(List.of(elements.get(0)));
        assertThat(store.readAll()).containsExactly(new StoredElement(null, KEY_2));
    }

    @Test
    void add_writesExactlyTheXmlToTheDefaultList_inRpushOrder() {
        store.add(KEY_1, "key-1");
        store.add(REVOCATION, "revocation-1");
        store.add(KEY_2, "key-2");

        // What an ASP.NET application would read with LRANGE DataProtection-Keys 0 -1: the bare UTF-8 XML strings.
        assertThat(redis.lrange("DataProtection-Keys")).containsExactly(KEY_1, REVOCATION, KEY_2);
        assertThat(redis.command("TYPE", "DataProtection-Keys")).isEqualTo("list");
        // and the version counter of the Java instances next to it, in the list's cluster slot
        assertThat(redis.command("KEYS", "*")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(
                "DataProtection-Keys",
                "{DataProtection-Keys}:version");
    }

    @Test
    void elementPushedWithRawRpush_isReadBack() {
        redis.rpush("DataProtection-Keys", KEY_1, REVOCATION);

        assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly(KEY_1, REVOCATION);
        assertThat(store.readAll()).extracting(StoredElement::name).containsOnlyNulls();
    }

    @Test
    void remove_removesExactlyOneMatchingEntry() {
        redis.rpush("DataProtection-Keys", KEY_1, KEY_2, KEY_1, REVOCATION);

        store.remove(List.of(new StoredElement(null, KEY_1)));

        assertThat(redis.lrange("DataProtection-Keys")).containsExactly(KEY_2, KEY_1, REVOCATION);
    }

    @Test
    void remove_ignoresElementsAlreadyGone() {
        redis.rpush("DataProtection-Keys", KEY_2);

        store.remove(List.of(new StoredElement(null, KEY_1), new StoredElement(null, KEY_2)));

        assertThat(redis.lrange("DataProtection-Keys")).isEmpty();
    }

    @Test
    void readAll_ofMissingList_isEmpty() {
        assertThat(store.readAll()).isEmpty();
    }

    @Test
    void customListKey_isTheOnlyKeyTouched() {
        RedisXmlRepository custom = new RedisXmlRepository(client, "orders:dp-keys");
        custom.add(KEY_1, "key-1");

        assertThat(redis.lrange("orders:dp-keys")).containsExactly(KEY_1);
        assertThat(redis.lrange("DataProtection-Keys")).isEmpty();
        assertThat(custom.description()).isEqualTo("redis:orders:dp-keys");
        assertThat(store.description()).isEqualTo("redis:DataProtection-Keys");
    }
}
