package io.quarkiverse.dataprotection.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Process chores of the PostgreSQL and MariaDB test servers: finding the executables, running them as an unprivileged
 * user when the tests run as root (PostgreSQL refuses to run as root), and one-off commands such as {@code initdb}.
 */
final class DatabaseProcesses {

    /** Every database server directory starts with this; the watchdog deletes only such directories. */
    static final String DIRECTORY_PREFIX = "dp-db-";
    static final String INSTALL_HINT = "install them with: apt-get install -y postgresql mariadb-server";

    private DatabaseProcesses() {
    }

    /** {@code command} as the server user: {@code nobody} through {@code setpriv} when this JVM runs as root. */
    static List<String> asServerUser(List<String> command) {
        if (!UnprivilegedJvm.runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(setpriv(), "--reuid=" + UnprivilegedJvm.NOBODY,
                "--regid=" + UnprivilegedJvm.NOBODY, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code directory} (recursively) to the server user, when that is another user. */
    static void giveToServerUser(Path directory) {
        if (UnprivilegedJvm.runningAsRoot()) {
            run(List.of("chown", "-R", UnprivilegedJvm.NOBODY + ":" + UnprivilegedJvm.NOBODY, directory.toString()),
                    null, Duration.ofSeconds(30));
        }
    }

    /** A new temporary directory named {@code dp-db-<name>-...}, reachable by the server user. */
    static Path createDirectory(String name) {
        try {
            Path directory = Files.createTempDirectory(DIRECTORY_PREFIX + name + "-");
            giveToServerUser(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for a database server", e);
        }
    }

    /**
     * Deletes {@code directory} as soon as this JVM ends, however it ends: a shell waits for the end of a pipe from this
     * JVM, which the kernel closes when the JVM exits or is killed (the same guard the servers' watchdogs use).
     */
    static void deleteWhenJvmEnds(Path directory) {
        String script = "cat >/dev/null; case \"$1\" in */" + DIRECTORY_PREFIX + "*) rm -rf \"$1\";; esac";
        try {
            GUARDS.add(new ProcessBuilder("/bin/sh", "-c", script, "dp-db-cleanup", directory.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the clean-up guard of " + directory, e);
        }
    }

    /** Held so that the guards' pipes stay open for the life of the JVM. */
    private static final List<Process> GUARDS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Copies a prepared data directory (owners and modes kept) to {@code target}. */
    static void copyTree(Path source, Path target) {
        run(List.of("cp", "-a", source.toString(), target.toString()),
                target.getParent().resolve("copy.log"), Duration.ofSeconds(60));
    }

    /**
     * Runs a one-off command to its end, its output into {@code log} (or discarded, when {@code null}).
     *
     * @throws IllegalStateException when it fails or outlasts {@code timeout}, with the end of its output
     */
    static void run(List<String> command, Path log, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
            String output = log == null ? "" : "; log " + log + ":\n";
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                RedisProcesses.destroyTree(process);
                throw new IllegalStateException(command.get(0) + " did not end within " + timeout + output
                        + (log == null ? "" : RedisProcesses.tail(log)));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + output + (log == null ? "" : RedisProcesses.tail(log)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    /** Whether a command exits with 0 within a few seconds (a readiness probe), its output discarded. */
    static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                RedisProcesses.destroyTree(process);
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    /** The server process the watchdog shell started, by executable name. */
    static Optional<ProcessHandle> serverProcess(Process watchdog, String executable) {
        return watchdog.children()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals(executable))
                        .orElse(false))
                .findFirst();
    }

    /** The newest PostgreSQL server binary directory: Debian's {@code /usr/lib/postgresql/<n>/bin}, or the PATH. */
    static Path postgresBin() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparingInt(bin -> versionOf(bin.getParent())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return onPath("initdb").map(Path::getParent).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL's initdb and postgres were found neither in /usr/lib/postgresql/<version>/bin nor on the "
                        + "PATH; tests that need a real PostgreSQL cannot run: " + INSTALL_HINT));
    }

    /** A MariaDB executable ({@code mariadbd}, {@code mariadb-install-db}, {@code mariadb-admin}) from the PATH. */
    static Path mariadb(String name) {
        return onPath(name).orElseThrow(() -> new IllegalStateException(name + " was found neither on the PATH nor "
                + "in /usr/sbin; tests that need a real MariaDB cannot run: " + INSTALL_HINT));
    }

    static boolean postgresInstalled() {
        try {
            postgresBin();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static boolean mariadbInstalled() {
        return onPath("mariadbd").isPresent() && onPath("mariadb-install-db").isPresent();
    }

    private static int versionOf(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Path> onPath(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"));
        return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate)).findFirst();
    }

    private static String setpriv() {
        for (String candidate : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("setpriv was not found; it is needed to run PostgreSQL and MariaDB as nobody "
                + "while the tests run as root: apt-get install -y util-linux");
    }

    static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
