package io.quarkiverse.dataprotection.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging of the jar (java.util.logging, where JBoss Logging and SLF4J end up): one line per record on standard
 * error. Without {@code --verbose}, only this library's warnings (its errors are what the command reports in its
 * own one line), and none from Redisson, Netty or the Azure SDK,
 * whose failures the command reports itself; the CDI module's "no application name" warning only matters to
 * {@code inspect --unprotect}, which names the application name it used. With {@code --verbose}, everything from
 * {@code INFO} up. Not used by in-process runs, which keep their host's logging.
 */
final class CliLogging {

    /** Held so that the levels set here are not lost with a collected logger. */
    private static final Logger LIBRARY = Logger.getLogger("io.quarkiverse.dataprotection");
    private static final Logger CONFIG_SUPPORT = Logger.getLogger("io.quarkiverse.dataprotection.cdi.ConfigSupport");

    private CliLogging() {
    }

    static void configure(boolean verbose) {
        LogManager.getLogManager().reset();
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                // JBoss Logging's levels are their own Level subclasses: compare values, not instances.
                int value = record.getLevel().intValue();
                String level = value >= Level.SEVERE.intValue() ? "error"
                        : value >= Level.WARNING.intValue() ? "warning" : "info";
                return level + ": " + formatMessage(record).replace('\n', ' ') + System.lineSeparator();
            }
        });
        if (!verbose) {
            // A failure is the command's own one-line error; the library's error record would say it twice.
            handler.setFilter(record -> record.getLevel().intValue() < Level.SEVERE.intValue());
        }
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(verbose ? Level.INFO : Level.OFF);
        if (!verbose) {
            LIBRARY.setLevel(Level.WARNING);
            CONFIG_SUPPORT.setLevel(Level.SEVERE);
        }
    }
}
