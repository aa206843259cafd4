package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class UnknownKeyStoreFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "cassandra")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.key-store=cassandra is not a key store kind; use one of "
                            + "[file, memory]"));

    @Test
    void unknownKeyStore_failsTheBuildListingTheKinds() {
        // assertException checks the failure
    }
}
