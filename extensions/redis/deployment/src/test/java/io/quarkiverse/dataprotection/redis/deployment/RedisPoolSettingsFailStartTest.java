package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

/** An invalid pool setting stops the start with a message naming both properties and the fix. */
class RedisPoolSettingsFailStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.redis.hosts", "redis://127.0.0.1:26398")
            .overrideConfigKey("quarkus.data-protection.redis.pool.min-idle", "5")
            .overrideConfigKey("quarkus.data-protection.redis.pool.max-size", "2")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Invalid quarkus.data-protection.redis.pool.min-idle=5: it must not exceed "
                            + "quarkus.data-protection.redis.pool.max-size (2); lower it or raise "
                            + "quarkus.data-protection.redis.pool.max-size"));

    @Test
    void minimumIdleAboveMaximum_failsStartNamingBothProperties() {
        // assertException checks the failure
    }
}
