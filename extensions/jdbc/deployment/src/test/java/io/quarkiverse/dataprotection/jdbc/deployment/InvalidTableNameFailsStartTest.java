package io.quarkiverse.dataprotection.jdbc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class InvalidTableNameFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.data-protection.jdbc.table-name", "keys; DROP TABLE x")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("Invalid quarkus.data-protection.jdbc.table-name='keys; DROP TABLE x': Invalid key table "
                            + "name"));

    @Test
    void tableNameThatIsNotAnIdentifier_failsStartStatingTheRule() {
        // assertException checks the failure
    }
}
