package io.quarkiverse.dataprotection.runtime.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.LogFile;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * The packaged application on the file store: the container check (prod mode only) still warns exactly where the
 * machine calls for it, and it runs off the start-up thread ({@code main}), once the HTTP server listens. The check's
 * outcome depends on the machine (a container whose key directory is on no mounted volume, or not), so the expected
 * warning is computed here from the same machine; either way the assertion can fail.
 */
class ContainerCheckAfterHttpStartTest {

    private static final Path KEYS = Path.of("target", "container-check-keys").toAbsolutePath();
    private static final String WARNING_START = "The data protection key directory ";

    @RegisterExtension
    static final QuarkusProdModeTest TEST = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("container-check")
            .setApplicationVersion("0.1")
            // The test class path carries Dev UI's deployment side (for the page check), whose beans need Vert.x HTTP.
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-vertx-http", Version.getVersion())))
            .setRun(true)
            .setLogFileName("container-check.log")
            .setRuntimeProperties(Map.of("quarkus.data-protection.file.directory", KEYS.toString(),
                    "quarkus.http.port", "0"));

    @LogFile
    Path logFile;

    @Test
    void containerCheck_warnsAsTheMachineCallsFor_offTheStartUpThread() throws Exception {
        Optional<String> expected = ContainerEnvironment.system().keyDirectoryWarning(KEYS);
        if (expected.isPresent()) {
            String line = awaitLine(WARNING_START, 30_000);
            assertThat(line).contains("WARN").contains(expected.get());
            assertThat(line).as("the check must not run on the start-up thread").doesNotContain("(main)");
        } else {
            // Nothing to wait for: give the check the time it would take after the start, then look.
            awaitLine("started in", 30_000);
            Thread.sleep(2_000);
            assertThat(Files.readString(logFile)).doesNotContain(WARNING_START);
        }
    }

    private String awaitLine(String text, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            if (Files.exists(logFile)) {
                Optional<String> line = Files.readAllLines(logFile).stream().filter(l -> l.contains(text)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("No log line with '" + text + "' within " + timeoutMillis + " ms in "
                        + (Files.exists(logFile) ? Files.readString(logFile) : "(no log file)"));
            }
            Thread.sleep(50);
        }
    }
}
