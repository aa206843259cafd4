package io.quarkiverse.dataprotection.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the Redis executables on the PATH (or in the usual Debian/Homebrew places). */
final class RedisExecutables {

    static final String INSTALL_HINT = "install them with: apt-get install -y redis-server redis-sentinel redis-tools";

    private RedisExecutables() {
    }

    static Path redisServer() {
        return require("redis-server");
    }

    /** The command that starts a sentinel: {@code redis-sentinel}, or {@code redis-server --sentinel} without it. */
    static List<String> sentinelCommand(Path config) {
        Optional<Path> sentinel = find("redis-sentinel");
        if (sentinel.isPresent()) {
            return List.of(sentinel.get().toString(), config.toString());
        }
        return List.of(redisServer().toString(), config.toString(), "--sentinel");
    }

    static Path redisCli() {
        return require("redis-cli");
    }

    static boolean serverInstalled() {
        return find("redis-server").isPresent();
    }

    private static Path require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                name + " was not found on the PATH nor in " + fallbackDirs() + "; tests that need a real Redis "
                        + "cannot run: " + INSTALL_HINT));
    }

    private static Optional<Path> find(String name) {
        for (String dir : searchDirs()) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Set<String> searchDirs() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(dir);
                }
            }
        }
        dirs.addAll(fallbackDirs());
        return dirs;
    }

    private static List<String> fallbackDirs() {
        return new ArrayList<>(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"));
    }
}
