package io.quarkiverse.dataprotection.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.jboss.logmanager.ExtLogRecord;

/** Captures the formatted messages logged to one category (and below it) while open. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        this.logger = Logger.getLogger(category);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    public static CapturedLog of(Class<?> category) {
        return new CapturedLog(category.getName());
    }

    /** The messages at WARNING level or above, formatted. */
    public List<String> warnings() {
        return messages.stream().filter(m -> m.startsWith("WARNING ")).map(m -> m.substring(8))
                .collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        messages.add((record.getLevel().intValue() >= Level.WARNING.intValue() ? "WARNING " : "OTHER ") + text);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
