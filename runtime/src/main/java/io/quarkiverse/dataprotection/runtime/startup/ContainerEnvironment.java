package io.quarkiverse.dataprotection.runtime.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells whether the process runs in a container and whether a directory lives on a volume mounted into it, so that a
 * file key store that would vanish with the container gets a warning at start (ASP.NET Core warns alike,
 * aspnet/DataProtection#244). Detection reads the files and environment given at construction, so tests inject
 * their own. Immutable and thread-safe; every read error counts as "not detected": the check only ever warns.
 */
final class ContainerEnvironment {

    /** File systems that live and die with the container even when mounted at the directory. */
    private static final Set<String> EPHEMERAL_TYPES = Set.of("overlay", "aufs", "tmpfs", "ramfs");
    private static final List<String> CGROUP_MARKERS = List.of("docker", "kubepods", "containerd", "libpod", "lxc");

    /**
     * Where the markers are read from.
     *
     * @param dockerEnv Docker's marker file ({@code /.dockerenv})
     * @param containerEnv Podman's and CRI-O's marker file ({@code /run/.containerenv})
     * @param cgroup the process' control groups ({@code /proc/self/cgroup})
     * @param mountInfo the process' mounts ({@code /proc/self/mountinfo})
     */
    record Markers(Path dockerEnv, Path containerEnv, Path cgroup, Path mountInfo) {

        static final Markers SYSTEM = new Markers(Path.of("/.dockerenv"), Path.of("/run/.containerenv"),
                Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"));
    }

    /**
     * A mount of {@code /proc/self/mountinfo}.
     *
     * @param mountPoint where it is mounted
     * @param type the file system type, e.g. {@code ext4} or {@code overlay}
     */
    record Mount(Path mountPoint, String type) {
    }

    private final Markers files;
    private final Function<String, String> environment;

    ContainerEnvironment(Markers files, Function<String, String> environment) {
        this.files = Objects.requireNonNull(files, "files");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The real process' environment. */
    static ContainerEnvironment system() {
        return new ContainerEnvironment(Markers.SYSTEM, System::getenv);
    }

    /** What gives the container away, if anything: a marker file, Kubernetes' environment, or the cgroup names. */
    Optional<String> containerMarker() {
        if (Files.exists(files.dockerEnv())) {
            return Optional.of(files.dockerEnv().toString());
        }
        if (Files.exists(files.containerEnv())) {
            return Optional.of(files.containerEnv().toString());
        }
        if (environment.apply("KUBERNETES_SERVICE_HOST") != null) {
            return Optional.of("KUBERNETES_SERVICE_HOST");
        }
        String cgroup = read(files.cgroup()).toLowerCase(Locale.ROOT);
        return CGROUP_MARKERS.stream().filter(cgroup::contains).findFirst().map(marker -> files.cgroup() + " (" + marker
                + ")");
    }

    /**
     * The warning for a file key store in {@code directory}, when the process runs in a container and the directory is
     * not on a mounted volume that outlives it; empty otherwise.
     */
    Optional<String> keyDirectoryWarning(Path directory) {
        Optional<String> marker = containerMarker();
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        Path path = real(directory);
        Optional<Mount> mount = mountOf(path);
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        Mount found = mount.get();
        boolean containerRoot = found.mountPoint().getNameCount() == 0;
        if (!containerRoot && !EPHEMERAL_TYPES.contains(found.type())) {
            return Optional.empty();
        }
        return Optional.of("The data protection key directory " + path + " is inside a container (" + marker.get()
                + ") but not on a mounted volume: it is on " + (containerRoot ? "the container's own file system"
                        : "a " + found.type() + " file system mounted at " + found.mountPoint())
                + ", so the keys are lost when the container is replaced and every payload protected with them becomes "
                + "unreadable (and instances do not share them). Mount a persistent volume at " + path
                + " (the same one for every instance), or keep the keys in Redis or a database "
                + "(quarkus.data-protection.key-store=redis or jdbc)");
    }

    /** The mount holding {@code path}: the one with the longest mount point that contains it. */
    Optional<Mount> mountOf(Path path) {
        Mount best = null;
        for (Mount mount : mounts()) {
            if (path.startsWith(mount.mountPoint())
                    && (best == null || mount.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The mounts of {@code mountinfo}; see proc(5): field 5 is the mount point, the field after "-" the type. */
    List<Mount> mounts() {
        List<Mount> mounts = new ArrayList<>();
        for (String line : read(files.mountInfo()).split("\n")) {
            String[] fields = line.strip().split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 5 || separator < 0 || separator + 1 >= fields.length) {
                continue;
            }
            try {
                mounts.add(new Mount(Path.of(unescape(fields[4])), fields[separator + 1]));
            } catch (RuntimeException invalidPath) {
                // a mount point this file system cannot name cannot hold the directory either
            }
        }
        return mounts;
    }

    /** The kernel writes space, tab, newline and backslash in mount points as three-digit octal escapes. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** The directory with symbolic links resolved as far as it exists, so a link onto a volume counts as the volume. */
    private static Path real(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : "";
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return "";
        }
    }
}
