package io.quarkiverse.dataprotection.redis;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Redisson's log categories that write Redis commands with their arguments, or replies, into the log: for the key
 * store, the key ring's elements, which hold master keys in the clear unless keys are encrypted at rest. In
 * Redisson 3.52 these are {@code org.redisson.client.handler.CommandEncoder} at TRACE (every command sent, with its
 * arguments: an appended element) and {@code org.redisson.client.handler.CommandDecoder} at TRACE (every reply: the
 * whole list on each read). At DEBUG, {@code org.redisson.command.RedisExecutor} logs each command too, but the
 * store's scripts reach it with their arguments already encoded, so it shows buffer sizes, not elements. Stateless.
 */
final class RedissonCommandLogging {

    private static final Logger LOG = Logger.getLogger(RedisXmlRepository.class);
    static final String ENCODER = "org.redisson.client.handler.CommandEncoder";
    static final String DECODER = "org.redisson.client.handler.CommandDecoder";

    private RedissonCommandLogging() {
    }

    /** The categories, each with its level, that currently log command contents; empty when none does. */
    static List<String> exposingCategories() {
        List<String> exposing = new ArrayList<>();
        for (String category : List.of(ENCODER, DECODER)) {
            if (Logger.getLogger(category).isTraceEnabled()) {
                exposing.add(category + " at TRACE");
            }
        }
        return exposing;
    }

    /** Warns when Redisson would log the commands and replies of the key store on {@code listKey}. */
    static void warnIfCommandsLogged(String listKey) {
        List<String> exposing = exposingCategories();
        if (!exposing.isEmpty()) {
            LOG.warnf("Redisson logs Redis commands with their arguments or replies at the configured log levels (%s): "
                    + "the key ring elements of the Redis list %s, master keys included unless keys are encrypted at "
                    + "rest, will be written to the log. Set the org.redisson categories to INFO or above, e.g. "
                    + "quarkus.log.category.\"org.redisson\".level=INFO", String.join(", ", exposing), listKey);
        }
    }
}
