package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class GcmWithValidationFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.algorithm.encryption", "AES_256_GCM")
            .overrideConfigKey("quarkus.data-protection.algorithm.validation", "HMACSHA512")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.algorithm.validation=HMACSHA512"));

    @Test
    void gcmWithValidationAlgorithm_failsStartNamingValidation() {
        // assertException checks the failure
    }
}
