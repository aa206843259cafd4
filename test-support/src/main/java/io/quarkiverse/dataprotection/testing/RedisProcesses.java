package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return watchdog(command, "redis-");
    }

    /**
     * {@link #watchdog(List)} for any server: the directory in {@link #DIRECTORY_VARIABLE} is deleted only when its
     * name starts with {@code directoryPrefix} (a guard against deleting anything else).
     */
    static List<String> watchdog(List<String> command, String directoryPrefix) {
        String script = "exec 3<&0; \"$@\" </dev/null & pid=$!; "
                + "(cat <&3 >/dev/null; "
                + "case \"$" + DIRECTORY_VARIABLE + "\" in */" + directoryPrefix + "*) rm -rf \"$" + DIRECTORY_VARIABLE
                + "\";; esac; "
                + "kill -9 $pid 2>/dev/null) & "
                + "watcher=$!; wait $pid; status=$?; kill $watcher 2>/dev/null; exit $status";
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script, directoryPrefix + "watchdog"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** SIGKILLs the server and its watchdog shell. */
    static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * The Redis process the watchdog shell started: the child that is not the watcher subshell. (Debian's
     * redis-server and redis-sentinel are links to one redis-check-rdb executable, so match "redis".)
     */
    static Optional<ProcessHandle> redisProcess(Process watchdog) {
        return watchdog.children()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().contains("redis"))
                        .orElse(false))
                .findFirst();
    }

    /** Sends a signal, such as {@code STOP} or {@code CONT}, which {@link ProcessHandle} cannot send. */
    static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + process.pid(), e);
        }
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
