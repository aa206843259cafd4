package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

/** key-store=redis in an application without the Redis extension fails the build naming the artifact to add. */
class RedisKeyStoreWithoutItsExtensionFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "redis")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("quarkus.data-protection.key-store=redis needs the extension "
                            + "io.quarkiverse.dataprotection:quarkus-data-protection-redis"));

    @Test
    void keyStoreRedisWithoutTheRedisExtension_failsTheBuildNamingTheArtifact() {
        // assertException checks the failure
    }
}
