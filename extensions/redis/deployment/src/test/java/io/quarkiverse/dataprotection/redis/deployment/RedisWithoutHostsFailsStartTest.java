package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class RedisWithoutHostsFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "redis")
            .overrideConfigKey("quarkus.data-protection.redis.list-key", "DataProtection-Keys")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Missing quarkus.data-protection.redis.hosts"));

    @Test
    void redisStoreWithoutHostsOrClient_failsStartNamingHosts() {
        // assertException checks the failure
    }
}
