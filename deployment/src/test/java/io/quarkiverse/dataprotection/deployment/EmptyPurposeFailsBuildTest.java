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

class EmptyPurposeFailsBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("@Protector on " + Tokens.class.getName() + "#Tokens(tokens) has no purpose"));

    @Singleton
    static class Tokens {

        final DataProtector tokens;

        @Inject
        Tokens(@Protector({}) DataProtector tokens) {
            this.tokens = tokens;
        }
    }

    @Test
    void emptyPurposeOnConstructorParameter_failsTheBuildNamingClassAndParameter() {
        // assertException checks the failure
    }
}
