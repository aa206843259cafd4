package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What of a Redisson failure reaches the store's messages, and so logs and {@code lastRefreshError}. */
class RedisFailureDescriptionTest {

    private static final String KEY_ELEMENT = "<key id=\"1\"><value>c2VjcmV0LW1hc3Rlci1rZXk=</value></key>";

    @Test
    void writeFailure_keepsTheReason_dropsTheScriptAndTheParameters() {
        String redisson = "Unable to write command into connection! Check CPU usage of the JVM. Netty pending tasks: 0, "
                + "Node source: NodeSource [slot=0], connection: RedisConnection@1 [redisClient=[addr=redis://127.0.0.1:6379]], "
                + "command: (EVAL, local items = redis.call('LRANGE', KEYS[1], 0, -1)\nreturn 1), params: [1, "
                + "DataProtection-Keys, 2:abc, " + KEY_ELEMENT + ", DataProtection-Keys:changes] after 3 of 3 retry attempts";

        String described = RedisXmlRepository.describe(new RuntimeException(redisson));

        assertThat(described).startsWith("Unable to write command into connection!")
                .endsWith("(command details omitted)")
                .doesNotContain("c2VjcmV0LW1hc3Rlci1rZXk=").doesNotContain("redis.call").doesNotContain("params");
    }

    @Test
    void timeout_withCapitalisedCommand_isCutToo() {
        String redisson = "Redis server response timeout (3000 ms) occurred after 3 of 3 retry attempts. Command: "
                + "(EVAL), params: [" + KEY_ELEMENT + "], channel: [id: 0x1]";

        assertThat(RedisXmlRepository.describe(new RuntimeException(redisson)))
                .isEqualTo("Redis server response timeout (3000 ms) occurred after 3 of 3 retry attempts"
                        + " (command details omitted)");
    }

    @Test
    void messageWithoutCommandDetails_isKept() {
        assertThat(RedisXmlRepository
                .describe(new RuntimeException("Unable to connect to Redis server: 127.0.0.1/127.0.0.1:6391")))
                .isEqualTo("Unable to connect to Redis server: 127.0.0.1/127.0.0.1:6391");
    }
}
