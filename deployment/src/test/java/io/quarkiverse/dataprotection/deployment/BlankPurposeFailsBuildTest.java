package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.test.QuarkusUnitTest;

/** The bean is never used, so ArC removes it; its blank purpose must fail the build all the same. */
class BlankPurposeFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Cookies.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("@Protector on " + Cookies.class.getName() + "#cookieProtector has a blank purpose"));

    @Singleton
    static class Cookies {

        @Inject
        @Protector({ "auth", " " })
        DataProtector cookieProtector;
    }

    @Test
    void blankPurpose_failsTheBuildNamingClassAndField() {
        // assertException checks the failure
    }
}
