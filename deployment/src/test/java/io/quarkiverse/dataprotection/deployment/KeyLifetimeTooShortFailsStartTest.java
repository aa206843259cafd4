package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class KeyLifetimeTooShortFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-lifetime", "1D")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.key-lifetime=PT24H: a key lifetime must be at least 7 days"));

    @Test
    void keyLifetimeOfOneDay_failsStartNamingTheProperty() {
        // assertException checks the failure
    }
}
