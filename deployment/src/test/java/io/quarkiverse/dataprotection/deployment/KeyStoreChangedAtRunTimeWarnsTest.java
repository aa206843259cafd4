package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * The packaged application built with {@code key-store=memory}, started with {@code key-store=redis}: the run-time
 * value cannot take effect, and the start says so, naming both values and the fix.
 */
class KeyStoreChangedAtRunTimeWarnsTest {

    @RegisterExtension
    static final QuarkusProdModeTest TEST = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addAsResource(
                    new StringAsset("quarkus.data-protection.key-store=memory\n"), "application.properties"))
            .setApplicationName("key-store-mismatch")
            .setApplicationVersion("0.1")
            // The test class path carries Dev UI's deployment side (for the page check), whose beans need Vert.x HTTP.
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-vertx-http", Version.getVersion())))
            .setRun(true)
            .setRuntimeProperties(Map.of("quarkus.data-protection.key-store", "redis", "quarkus.http.port", "0"));

    @Test
    void redisAtRunTime_onMemoryStoreBuild_logsAWarningNamingBothValuesAndRebuild() {
        assertThat(TEST.getStartupConsoleOutput())
                .contains("WARN")
                .contains("quarkus.data-protection.key-store is 'redis' at run time, but the application was built "
                        + "with 'memory'")
                .contains("rebuild the application");
    }
}
