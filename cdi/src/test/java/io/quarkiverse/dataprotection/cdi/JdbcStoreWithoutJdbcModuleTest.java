package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Runs in its own surefire execution whose class path lacks data-protection-jdbc (see the pom), as an application
 * that never added it.
 */
@DisabledIfSystemProperty(named = "data-protection.test.full-class-path", matches = "true", disabledReason = "needs "
        + "the class path of its own surefire execution")
class JdbcStoreWithoutJdbcModuleTest {

    @Test
    void classPath_reallyLacksTheJdbcModule() {
        assertThatThrownBy(() -> Class.forName("io.quarkiverse.dataprotection.jdbc.JdbcXmlRepository"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void jdbcKeyStore_failsTheStart_namingThePropertyTheValueAndTheArtifactToAdd() {
        assertThatThrownBy(() -> CdiApp.start(Map.of("quarkus.data-protection.key-store", "jdbc")).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("quarkus.data-protection.key-store=jdbc needs the "
                        + "io.quarkiverse.dataprotection:data-protection-jdbc artifact, which is not on the class "
                        + "path; add it as a dependency (same version as data-protection-cdi), or choose file, redis "
                        + "or memory");
    }

    @Test
    void otherKeyStores_workWithoutIt() {
        try (CdiApp app = CdiApp.start(Map.of("quarkus.data-protection.key-store", "memory",
                "quarkus.data-protection.jdbc.table-name", "Ignored"))) {
            assertThat(app.protector().unprotect(app.protector().protect("no jdbc"))).isEqualTo("no jdbc");
        }
    }
}
