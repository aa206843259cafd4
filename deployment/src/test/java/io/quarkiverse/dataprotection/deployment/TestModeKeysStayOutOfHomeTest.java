package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Without a configured key directory, test mode keeps the file store's keys under the build output: a fake home
 * directory stays empty.
 */
class TestModeKeysStayOutOfHomeTest {

    // Set before the application's configuration is read, which expands ${user.home} in the production default.
    static final String REAL_HOME = System.getProperty("user.home");
    static final Path FAKE_HOME = fakeHome();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .setLogRecordPredicate(r -> r.getLoggerName().endsWith("StartupChecks"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(r -> r.getLevel().intValue() == Level.INFO.intValue())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("under the build output",
                            "quarkus.data-protection.file.directory")));

    @Inject
    KeyManager keyManager;

    @ConfigProperty(name = "quarkus.data-protection.file.directory")
    String directory;

    static Path fakeHome() {
        try {
            Path home = Files.createTempDirectory("fake-home");
            System.setProperty("user.home", home.toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void restoreHome() throws IOException {
        System.setProperty("user.home", REAL_HOME);
        try (Stream<Path> files = Files.walk(FAKE_HOME)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void unconfiguredKeyDirectory_inTestMode_isUnderTheBuildOutputAndHomeStaysEmpty() throws IOException {
        assertThat(keyManager.getAllKeys()).isNotEmpty();
        Path keys = Path.of(directory);
        assertThat(keys).isAbsolute().endsWith(Path.of("target", "data-protection-keys"));
        try (Stream<Path> files = Files.list(keys)) {
            assertThat(files.map(path -> path.getFileName().toString()).toList())
                    .anyMatch(name -> name.startsWith("key-") && name.endsWith(".xml"));
        }
        try (Stream<Path> files = Files.walk(FAKE_HOME)) {
            List<Path> written = files.filter(path -> !path.equals(FAKE_HOME)).toList();
            assertThat(written).isEmpty();
        }
    }
}
