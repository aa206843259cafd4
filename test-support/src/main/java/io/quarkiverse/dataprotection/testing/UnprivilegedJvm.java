package io.quarkiverse.dataprotection.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a main class of the test class path in a child JVM as an unprivileged user, for tests that need file
 * permissions to count: root reads and writes any file whatever its mode, and the build usually runs as root in
 * containers. As root, the child runs as {@code nobody} (uid and gid 65534, no supplementary groups) through
 * {@code setpriv} from util-linux; as any other user, it runs as that user, who is unprivileged already.
 * <p>
 * Class path entries the child's user cannot reach (a local Maven repository under a private home directory) are
 * staged into a world-readable temporary directory, as hard links where possible, so the child loads the same
 * classes. Put the files the child should see under {@link #directory()}, which it can traverse, and set their
 * permissions as the test needs. {@link #close()} deletes everything.
 *
 * <pre>{@code
 * try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
 *     Path keys = Files.createDirectory(jvm.directory().resolve("keys"));
 *     ... write files, chmod them ...
 *     UnprivilegedJvm.Result result = jvm.run(Duration.ofSeconds(60), ReadKeys.class, keys.toString());
 *     assertThat(result.exitCode()).isZero();
 * }
 * }</pre>
 * <p>
 * Thread-safety: not thread-safe; one test uses one instance.
 */
public final class UnprivilegedJvm implements AutoCloseable {

    /** The user and group id of {@code nobody}/{@code nogroup} on Debian and most Linux distributions. */
    public static final int NOBODY = 65534;

    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> WORLD_READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path work;
    private final Path data;
    private final String classPath;
    private int runs;

    private UnprivilegedJvm(Path work, Path data, String classPath) {
        this.work = work;
        this.data = data;
        this.classPath = classPath;
    }

    /** Prepares a work directory and stages the class path. */
    public static UnprivilegedJvm create() {
        Path work = null;
        try {
            work = Files.createTempDirectory("unprivileged-jvm-");
            Files.setPosixFilePermissions(work, WORLD_READABLE_DIR);
            Path data = Files.createDirectory(work.resolve("data"));
            Files.setPosixFilePermissions(data, WORLD_READABLE_DIR);
            requireReachable(work);
            return new UnprivilegedJvm(work, data, stageClassPath(work));
        } catch (IOException e) {
            if (work != null) {
                RedisProcesses.deleteDirectory(work);
            }
            throw new UncheckedIOException("Cannot prepare a directory for an unprivileged JVM", e);
        }
    }

    /** Whether this JVM runs as root, so that the child runs as {@code nobody}. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A directory the child can list and traverse (rwxr-xr-x, owned by this JVM's user). */
    public Path directory() {
        return data;
    }

    /**
     * Runs {@code mainClass} with {@code args} and waits for it.
     *
     * @return its exit code and its standard output and error, interleaved
     * @throws IllegalStateException when it does not end within {@code timeout} (it is killed then)
     */
    public Result run(Duration timeout, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of(setpriv(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", classPath, mainClass.getName()));
        command.addAll(List.of(args));
        Path output = work.resolve("output-" + (++runs) + ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(mainClass.getName() + " did not end within " + timeout
                        + "; output so far:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + mainClass.getName(), e);
        }
    }

    /** Deletes the work directory, the staged class path and everything under {@link #directory()}. */
    @Override
    public void close() {
        RedisProcesses.deleteDirectory(work);
    }

    /**
     * What the child did.
     *
     * @param exitCode its exit code
     * @param output its standard output and error
     */
    public record Result(int exitCode, String output) {
    }

    private static String setpriv() {
        for (String candidate : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("setpriv was not found; it is needed to run a child JVM as nobody while the "
                + "tests run as root: apt-get install -y util-linux");
    }

    private static String stageClassPath(Path work) throws IOException {
        Path staged = Files.createDirectory(work.resolve("classpath"));
        Files.setPosixFilePermissions(staged, WORLD_READABLE_DIR);
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (entry.isBlank() || !Files.exists(path) || reachableByOthers(path)) {
                entries.add(entry);
                continue;
            }
            Path target = staged.resolve((index++) + "-" + path.getFileName());
            if (Files.isDirectory(path)) {
                copyTree(path, target);
            } else {
                linkOrCopy(path, target);
            }
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Whether a user other than the owner can read {@code path} and reach it through every parent directory. */
    private static boolean reachableByOthers(Path path) throws IOException {
        Set<PosixFilePermission> own = Files.getPosixFilePermissions(path);
        if (!own.contains(PosixFilePermission.OTHERS_READ)
                || Files.isDirectory(path) && !own.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            return false;
        }
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static void requireReachable(Path work) throws IOException {
        if (!reachableByOthers(work)) {
            throw new IllegalStateException("The temporary directory " + work.getParent() + " is not traversable by "
                    + "other users, so a child JVM running as nobody could not reach " + work
                    + "; run the tests with -Djava.io.tmpdir=/tmp");
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source); // same inode: the jar's own mode (usually rw-r--r--) applies
            if (Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ)) {
                return;
            }
            Files.delete(target);
        } catch (IOException | UnsupportedOperationException crossDevice) {
            // another file system, or links refused: copy instead
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, WORLD_READABLE_FILE);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, WORLD_READABLE_DIR);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, WORLD_READABLE_FILE);
                }
            }
        }
    }
}
