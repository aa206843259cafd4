package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One real {@code redis-server} (or {@code redis-sentinel}) process, bound to 127.0.0.1 on its own port, with its
 * own temporary directory, no persistence ({@code save ""}, {@code appendonly no}). It runs in the foreground under
 * a tiny watchdog shell that kills it when this JVM dies, however it dies; {@link #close()} shuts it down and
 * deletes the directory, and a JVM shutdown hook kills whatever a test forgot.
 * <p>
 * {@link #stop()}/{@link #kill()} and {@link #restart()} keep the port and directory, for outage tests (and
 * {@link #freeze()}/{@link #thaw()} stall it without closing connections): clients
 * configured with {@link #uri()} reconnect to the restarted server. The data is gone after a restart (no
 * persistence), which is what an outage test wants to see too.
 * <p>
 * Thread-safety: start, stop and restart are synchronized; {@link #command} may be called from any thread.
 */
public final class RedisServer implements AutoCloseable {

    /** What a test waits for a single server to answer PING. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 5;

    enum Kind {
        SERVER,
        SENTINEL
    }

    private final Kind kind;
    private final int port;
    private final Path directory;
    private final List<String> configLines;
    private final String password;
    private Process process;
    private boolean frozen;
    private boolean closed;

    private RedisServer(Kind kind, int port, Path directory, List<String> configLines) {
        this.kind = kind;
        this.port = port;
        this.directory = directory;
        this.configLines = List.copyOf(configLines);
        this.password = configLines.stream().filter(line -> line.startsWith("requirepass "))
                .map(line -> line.substring("requirepass ".length()).trim()).reduce((first, last) -> last)
                .orElse(null);
    }

    /**
     * Starts a server on a free port, retrying on another port when one was taken in between.
     *
     * @param extraConfig redis.conf lines beyond the defaults, given the chosen port
     */
    static RedisServer start(Kind kind, String name, boolean clusterBus, IntFunction<List<String>> extraConfig) {
        if (kind == Kind.SERVER) {
            RedisExecutables.redisServer(); // fail early with the install hint
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = FreePorts.pick(clusterBus);
            Path directory = RedisProcesses.createDirectory(name);
            RedisServer server = new RedisServer(kind, port, directory, extraConfig.apply(port));
            try {
                server.startProcess();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
                if (!e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, as Redisson and the Quarkus config expect it. */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    /** The server's own directory: config file, log ({@code redis.log}), cluster or sentinel state. */
    public Path directory() {
        return directory;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Sends one command over a fresh connection, after {@code AUTH} when the server was started with
     * {@code requirepass}; see {@link RespClient} for how replies map to Java.
     */
    public Object command(String... command) {
        return RespClient.callAuthenticated(host(), port, COMMAND_TIMEOUT, password, command);
    }

    /** {@code RPUSH key values...}; returns the list's new length. */
    public long rpush(String key, String... values) {
        String[] command = new String[values.length + 2];
        command[0] = "RPUSH";
        command[1] = key;
        System.arraycopy(values, 0, command, 2, values.length);
        return (Long) command(command);
    }

    /** {@code LRANGE key 0 -1}: the whole list, in order. */
    @SuppressWarnings("unchecked")
    public List<String> lrange(String key) {
        return (List<String>) command("LRANGE", key, "0", "-1");
    }

    /** {@code FLUSHALL}: empties every database. */
    public void flushAll() {
        command("FLUSHALL");
    }

    /** One section of {@code INFO} as text, e.g. {@code info("replication")}. */
    public String info(String section) {
        return (String) command("INFO", section);
    }

    /** Shuts the server down cleanly ({@code SHUTDOWN NOSAVE}), keeping its port and directory for a restart. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        thaw(); // a frozen server would never answer SHUTDOWN
        try {
            command("SHUTDOWN", "NOSAVE");
        } catch (RespClient.RedisErrorReply refused) {
            // e.g. NOAUTH from a server whose password a test changed: SIGTERM, and it has no save points
            process.descendants().forEach(ProcessHandle::destroy);
        } catch (RuntimeException expected) {
            // The server closes the connection instead of replying.
        }
        awaitExit(Duration.ofSeconds(5));
    }

    /** Kills the server at once (SIGKILL), as a crash would; keeps its port and directory for a restart. */
    public synchronized void kill() {
        if (process != null) {
            RedisProcesses.destroyTree(process); // SIGKILL ends a stopped process too
            awaitExit(Duration.ofSeconds(5));
        }
        frozen = false;
    }

    /**
     * Freezes the server (SIGSTOP), as a stalled host or a long GC-like pause would: connections stay open and
     * commands are accepted by the kernel but never answered, unlike {@link #kill()}, where connections are refused.
     * {@link #thaw()} resumes it with its data intact; {@link #close()} thaws a frozen server before stopping it.
     */
    public synchronized void freeze() {
        RedisProcesses.signal(serverProcess(), "STOP");
        frozen = true;
    }

    /** Resumes a {@linkplain #freeze() frozen} server (SIGCONT). */
    public synchronized void thaw() {
        if (frozen && isRunning()) {
            RedisProcesses.signal(serverProcess(), "CONT");
        }
        frozen = false;
    }

    /** Whether the server is frozen by {@link #freeze()}. */
    public synchronized boolean isFrozen() {
        return frozen && isRunning();
    }

    private ProcessHandle serverProcess() {
        if (!isRunning()) {
            throw new IllegalStateException("Redis on port " + port + " is not running");
        }
        return RedisProcesses.redisProcess(process)
                .orElseThrow(() -> new IllegalStateException("No redis process under the watchdog of port " + port));
    }

    /** Stops the server if it runs and starts it again on the same port, empty. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("Redis on port " + port + " was closed and cannot be restarted");
        }
        stop();
        startProcess();
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        kill();
        Leftovers.forget(this);
        RedisProcesses.deleteDirectory(directory);
    }

    private synchronized void startProcess() {
        Path config = directory.resolve(kind == Kind.SENTINEL ? "sentinel.conf" : "redis.conf");
        Path log = directory.resolve("redis.log");
        try {
            List<String> lines = new ArrayList<>(List.of(
                    "bind 127.0.0.1",
                    "port " + port,
                    "daemonize no",
                    "dir " + directory,
                    "logfile \"\""));
            if (kind == Kind.SERVER) {
                lines.add("save \"\"");
                lines.add("appendonly no");
            }
            lines.addAll(configLines);
            // Sentinel rewrites its config file, so it is written on every start and left writable.
            Files.createDirectories(directory); // should a watchdog have removed it after a kill
            Files.write(config, lines, StandardCharsets.UTF_8);
            List<String> command = kind == Kind.SENTINEL
                    ? RedisExecutables.sentinelCommand(config)
                    : List.of(RedisExecutables.redisServer().toString(), config.toString());
            ProcessBuilder builder = new ProcessBuilder(RedisProcesses.watchdog(command));
            builder.environment().put(RedisProcesses.DIRECTORY_VARIABLE, directory.toString());
            process = builder
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + kind + " on port " + port + " in " + directory, e);
        }
        Leftovers.remember(this, process);
        awaitPong(log);
    }

    private void awaitPong(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Redis (" + kind + ") on port " + port + " exited with code "
                        + process.exitValue() + " at start; log " + log + ":\n" + RedisProcesses.tail(log));
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (RespClient.RedisErrorReply e) {
                if (e.getMessage().startsWith("NOAUTH") || e.getMessage().startsWith("WRONGPASS")) {
                    return; // it answers; a test's ACL setup decides who may talk to it
                }
                last = e; // still loading
            } catch (RuntimeException e) {
                last = e; // not listening yet, or still loading
            }
            sleep(20);
        }
        RedisProcesses.destroyTree(process);
        throw new IllegalStateException("Redis (" + kind + ") on port " + port + " did not answer PING within "
                + START_TIMEOUT + (last == null ? "" : " (" + last.getMessage() + ")") + "; log " + log + ":\n"
                + RedisProcesses.tail(log));
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                RedisProcesses.destroyTree(process);
                process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            process.getOutputStream().close(); // lets the watchdog's cat end
        } catch (java.io.IOException e) {
            // already closed
        } catch (InterruptedException e) {
            RedisProcesses.destroyTree(process);
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Redis", e);
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + kind + " " + uri() + ", " + directory + "]";
    }
}
