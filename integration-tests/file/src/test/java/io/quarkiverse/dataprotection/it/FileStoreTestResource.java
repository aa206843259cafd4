package io.quarkiverse.dataprotection.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the file store at a fresh temporary directory (published as {@value #DIRECTORY_PROPERTY}), deleted after. */
public class FileStoreTestResource implements QuarkusTestResourceLifecycleManager {

    static final String DIRECTORY_PROPERTY = "data-protection.test.key-directory";

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("dp-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(DIRECTORY_PROPERTY, directory.toString());
        return Map.of("quarkus.data-protection.file.directory", directory.toString());
    }

    @Override
    public void stop() {
        System.clearProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
