package io.quarkiverse.dataprotection.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BuildTimeMismatchTest {

    static final Map<String, String> BUILT = Map.of("quarkus.data-protection.key-store", "file",
            "quarkus.data-protection.health.enabled", "true");

    @Test
    void redisAtRunTime_onFileStoreBuild_warnsNamingPropertyBothValuesAndRebuild() {
        var warnings = BuildTimeMismatch.warnings(BUILT,
                name -> name.endsWith("key-store") ? Optional.of("redis") : Optional.empty());

        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning).contains(
                "quarkus.data-protection.key-store", "'redis' at run time", "built with 'file'", "rebuild"));
    }

    @Test
    void runTimeValueEqualToBuild_orUnset_warnsNothing() {
        assertThat(BuildTimeMismatch.warnings(BUILT, name -> Optional.empty())).isEmpty();
        assertThat(BuildTimeMismatch.warnings(BUILT, name -> Optional.ofNullable(BUILT.get(name)))).isEmpty();
    }

    @Test
    void booleanWrittenInAnotherCase_isTheSameValue() {
        assertThat(BuildTimeMismatch.warnings(BUILT,
                name -> name.endsWith("enabled") ? Optional.of(" TRUE ") : Optional.empty())).isEmpty();
    }

    @Test
    void everyDifferingProperty_getsItsOwnWarning_inPropertyOrder() {
        var warnings = BuildTimeMismatch.warnings(BUILT,
                name -> Optional.of(name.endsWith("enabled") ? "false" : "memory"));

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("quarkus.data-protection.health.enabled is 'false'");
        assertThat(warnings.get(1)).startsWith("quarkus.data-protection.key-store is 'memory'");
    }
}
