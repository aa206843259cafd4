package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class PropagationWindowTooLongFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.key-lifetime", "7D")
            .overrideConfigKey("quarkus.data-protection.propagation-window", "7D")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.propagation-window=PT168H")
                    .contains("must be shorter than quarkus.data-protection.key-lifetime"));

    @Test
    void windowAsLongAsTheKeyLifetime_failsStartNamingTheProperty() {
        // assertException checks the failure
    }
}
