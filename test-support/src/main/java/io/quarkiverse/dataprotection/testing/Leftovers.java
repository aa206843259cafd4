package io.quarkiverse.dataprotection.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, at JVM exit, every server process (Redis, PostgreSQL, MariaDB) a test started and did not close, and deletes
 * its directory. (A JVM killed with SIGKILL runs no hook; then the watchdog shell around each server kills it when the
 * JVM's pipe to it closes.)
 */
final class Leftovers {

    private record Live(Process process, Path directory) {
    }

    private static final Map<Object, Live> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Leftovers::killAll, "test-servers-cleanup"));
    }

    private Leftovers() {
    }

    static void remember(RedisServer server, Process process) {
        remember(server, process, server.directory());
    }

    /** Remembers a running server, its watchdog process and the directory to delete. */
    static void remember(Object server, Process process, Path directory) {
        LIVE.put(server, new Live(process, directory));
    }

    static void forget(Object server) {
        LIVE.remove(server);
    }

    private static void killAll() {
        LIVE.values().forEach(live -> {
            RedisProcesses.destroyTree(live.process());
            RedisProcesses.deleteDirectory(live.directory());
        });
    }
}
