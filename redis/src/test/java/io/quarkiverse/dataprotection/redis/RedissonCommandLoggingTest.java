package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.store.CapturedLog;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * Redisson at TRACE in two categories writes the key elements into the log. The store cannot stop it, so it warns
 * at construction; these tests also pin down that the named categories really do log the elements.
 */
class RedissonCommandLoggingTest {

    private static final String ELEMENT = "<key id=\"1\"><masterKey>c2VjcmV0LW1hc3Rlci1rZXk=</masterKey></key>";

    @ParameterizedTest
    @ValueSource(strings = { RedissonCommandLogging.ENCODER, RedissonCommandLogging.DECODER })
    void redissonCategoryAtTrace_logsTheElement_andTheStoreWarnsAtConstruction(String category) {
        Logger redisson = Logger.getLogger(category);
        Level previous = redisson.getLevel();
        Capture redissonLog = new Capture(redisson);
        redisson.setLevel(org.jboss.logmanager.Level.TRACE);
        try (RedisServer redis = RedisServers.standalone(); CapturedLog storeLog = CapturedLog.of(RedisXmlRepository.class)) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
            try {
                RedisXmlRepository store = new RedisXmlRepository(client, "dp-logged");
                store.add(ELEMENT, "key-1"); // the command carries it
                store.readAll(); // the reply carries it

                assertThat(redissonLog.messages).as("Redisson logged the element").anySatisfy(
                        m -> assertThat(m).contains("c2VjcmV0LW1hc3Rlci1rZXk="));
                assertThat(storeLog.warnings()).singleElement().asString()
                        .contains(category + " at TRACE", "dp-logged", "quarkus.log.category.\"org.redisson\"")
                        .doesNotContain("c2VjcmV0");
            } finally {
                client.shutdown();
            }
        } finally {
            redisson.setLevel(previous);
            redisson.removeHandler(redissonLog);
        }
    }

    @Test
    void redissonAtDefaultLevels_noWarning() {
        RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone("redis://127.0.0.1:6390"));
        try (CapturedLog storeLog = CapturedLog.of(RedisXmlRepository.class)) {
            new RedisXmlRepository(client);
            assertThat(RedissonCommandLogging.exposingCategories()).isEmpty();
            assertThat(storeLog.warnings()).isEmpty();
        } finally {
            client.shutdown();
        }
    }

    /** Every formatted message logged to one category. */
    private static final class Capture extends Handler {
        final List<String> messages = new CopyOnWriteArrayList<>();

        Capture(Logger logger) {
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            messages.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
