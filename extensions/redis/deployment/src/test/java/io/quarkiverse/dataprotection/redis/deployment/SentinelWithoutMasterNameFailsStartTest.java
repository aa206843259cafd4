package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class SentinelWithoutMasterNameFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "redis")
            .overrideConfigKey("quarkus.data-protection.redis.hosts", "redis://127.0.0.1:26399")
            .overrideConfigKey("quarkus.data-protection.redis.mode", "sentinel")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Missing quarkus.data-protection.redis.master-name: it is required in sentinel mode"));

    @Test
    void sentinelWithoutMasterName_failsStartNamingMasterName() {
        // assertException checks the failure
    }
}
