package io.quarkiverse.dataprotection.jdbc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class UnknownDataSourceFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.data-protection.jdbc.datasource", "orders")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Invalid quarkus.data-protection.jdbc.datasource=orders: no datasource of that name is "
                            + "configured"));

    @Test
    void datasourceThatIsNotConfigured_failsStartNamingTheProperty() {
        // assertException checks the failure
    }
}
