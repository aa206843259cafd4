package io.quarkiverse.dataprotection.aspnetcore.auth.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

class TinyChunkSizeFailsStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.cookie-auth.chunk-size", "40")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.cookie-auth.chunk-size=40 leaves no room for data"));

    @Test
    void chunkSizeOf40_failsStartNamingTheFix() {
        // assertException checks the failure
    }
}
