package io.quarkiverse.dataprotection.aspnetcore.auth.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class BlankSchemeFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.cookie-auth.scheme", " ")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.cookie-auth.scheme must not be blank"));

    @Test
    void blankScheme_failsStartNamingThePropertyAndTheDefault() {
        // assertException checks the failure
    }
}
