package io.quarkiverse.dataprotection.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, at JVM exit, every Redis process a test started and did not close, and deletes its directory. (A JVM
 * killed with SIGKILL runs no hook; then the watchdog shell around each server kills it when the JVM's pipe to it
 * closes.)
 */
final class Leftovers {

    private static final Map<RedisServer, Process> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Leftovers::killAll, "redis-test-servers-cleanup"));
    }

    private Leftovers() {
    }

    static void remember(RedisServer server, Process process) {
        LIVE.put(server, process);
    }

    static void forget(RedisServer server) {
        LIVE.remove(server);
    }

    private static void killAll() {
        LIVE.forEach((server, process) -> {
            RedisProcesses.destroyTree(process);
            RedisProcesses.deleteDirectory(server.directory());
        });
    }
}
