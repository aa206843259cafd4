package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Process and directory chores of {@link RedisServer}. */
final class RedisProcesses {

    private RedisProcesses() {
    }

    /** The environment variable that tells the watchdog which directory to delete when the JVM dies. */
    static final String DIRECTORY_VARIABLE = "REDIS_TEST_DIRECTORY";

    /**
     * Wraps the command in a shell that SIGKILLs Redis as soon as its standard input, a pipe from this JVM, closes,
     * and deletes the server's directory first (once Redis is killed, the outer shell kills this watcher, so
     * anything after the kill might never run): the kernel closes the pipe when the JVM dies, even by SIGKILL, when no
     * shutdown hook runs. So a test server never outlives the JVM that started it, nor does its directory. (When
     * Redis stops normally the watcher is killed first, and {@link RedisServer#close()} deletes the directory.)
     */
    static List<String> watchdog(List<String> command) {
        String script = "exec 3<&0; \"$@\" </dev/null & pid=$!; "
                + "(cat <&3 >/dev/null; "
                + "case \"$" + DIRECTORY_VARIABLE + "\" in */redis-*) rm -rf \"$" + DIRECTORY_VARIABLE + "\";; esac; "
                + "kill -9 $pid 2>/dev/null) & "
                + "watcher=$!; wait $pid; status=$?; kill $watcher 2>/dev/null; exit $status";
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script, "redis-watchdog"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** SIGKILLs the server and its watchdog shell. */
    static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static Path createDirectory(String name) {
        try {
            return Files.createTempDirectory("redis-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Redis", e);
        }
    }

    static void deleteDirectory(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
