package io.quarkiverse.dataprotection.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.jboss.logging.Logger;

/**
 * Where the reliability tests write what they measured: logged at info and appended to
 * {@code target/reliability-measurements.txt}, from which docs/modules/ROOT/pages/reliability.adoc is filled in.
 * Public for the store tests that measure too (reconnection, cluster start-up, file locks).
 */
public final class Measurements {

    private static final Logger LOG = Logger.getLogger(Measurements.class);
    private static final Path FILE = Path.of("target", "reliability-measurements.txt");

    private Measurements() {
    }

    public static synchronized void record(String test, String format, Object... arguments) {
        String line = (Instant.now() + " " + test + ": " + String.format(format, arguments)).replaceAll("\\s*\\R\\s*", " ");
        LOG.info("MEASURED " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
