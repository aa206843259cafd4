package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One real database server process (PostgreSQL or MariaDB) for tests, bound to 127.0.0.1 on a free port, with its data
 * in its own temporary directory. As for {@link RedisServer}, it runs under a watchdog shell that kills it and deletes
 * the directory when this JVM dies however it dies, and {@link #close()} stops it and deletes the directory. When the
 * tests run as root, the server runs as {@code nobody}.
 * <p>
 * Unlike the Redis servers, the data survives {@link #stop()}, {@link #kill()} and {@link #restart()} (the data
 * directory stays), as a production database's does; clients reconnect to the same port.
 * <p>
 * The SQL helpers go through {@link DriverManager}: the module using them brings the JDBC driver (this module depends
 * on none).
 * <p>
 * Thread-safety: start, stop and restart are synchronized; the SQL helpers may be called from any thread.
 */
public abstract sealed class DatabaseServer implements AutoCloseable permits PostgresServer, MariaDbServer {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 5;

    private final int port;
    private final Path directory;
    private Process process;
    private boolean closed;

    DatabaseServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts a server on a free port, retrying on another when the port was taken in between.
     *
     * @param create a server on the given port, its data directory prepared but not running
     */
    static <S extends DatabaseServer> S start(IntFunction<S> create) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            S server = create.apply(FreePorts.pick(false));
            try {
                server.start();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
                if (!e.getMessage().contains("ddress already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** {@code postgresql} or {@code mariadb}. */
    public abstract String kind();

    /** The JDBC URL of the test database, without credentials. */
    public abstract String jdbcUrl();

    /** The user that owns the test database. */
    public abstract String user();

    /** That user's password. */
    public abstract String password();

    /** The command line of the server, run as the server user. */
    abstract List<String> serverCommand();

    /** The server's executable name, to find its process under the watchdog. */
    abstract String executable();

    /** The signal that shuts the server down cleanly and quickly. */
    abstract String stopSignal();

    /** Whether the server accepts connections now. */
    abstract boolean answers();

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The server's own directory: its data directory and its log ({@code server.log}). */
    public Path directory() {
        return directory;
    }

    Path dataDirectory() {
        return directory.resolve("data");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** A new connection as {@link #user()}; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** Runs one statement with {@code ?} parameters; returns the update count (0 for DDL). */
    public int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(kind() + " refused: " + sql + " (" + e.getMessage() + ")", e);
        }
    }

    /** Runs one query with {@code ?} parameters; returns its rows, each a list of column values. */
    public List<List<Object>> query(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(kind() + " refused: " + sql + " (" + e.getMessage() + ")", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** Shuts the server down cleanly, keeping its port and data for {@link #start()}. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        DatabaseProcesses.serverProcess(process, executable())
                .ifPresent(server -> RedisProcesses.signal(server, stopSignal()));
        awaitExit(Duration.ofSeconds(30));
    }

    /** Kills the server at once (SIGKILL), as a crash would; its data stays for {@link #start()}. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        // Only the server: the watchdog shell reaps it (a server killed with its parent could linger as a zombie that
        // a restart takes for a running server), and its children end once they see it gone.
        List<ProcessHandle> tree = process.descendants().toList();
        DatabaseProcesses.serverProcess(process, executable()).ifPresentOrElse(ProcessHandle::destroyForcibly,
                () -> RedisProcesses.destroyTree(process));
        awaitExit(Duration.ofSeconds(10));
        awaitGone(tree, Duration.ofSeconds(10));
    }

    private static void awaitGone(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : processes) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                RedisServer.sleep(10);
            }
            handle.destroyForcibly();
        }
    }

    /** Stops the server if it runs and starts it again on the same port with the same data. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Starts the server (again) and waits until it accepts connections.
     *
     * @throws IllegalStateException when it exits or does not answer within a minute, with the end of its log
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(this + " was closed and cannot be started");
        }
        if (isRunning()) {
            return;
        }
        Path log = directory.resolve("server.log");
        try {
            ProcessBuilder builder = new ProcessBuilder(RedisProcesses.watchdog(
                    DatabaseProcesses.asServerUser(serverCommand()), DatabaseProcesses.DIRECTORY_PREFIX));
            builder.environment().put(RedisProcesses.DIRECTORY_VARIABLE, directory.toString());
            process = builder.directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + kind() + " on port " + port + " in " + directory, e);
        }
        Leftovers.remember(this, process, directory);
        awaitAnswer(log);
    }

    private void awaitAnswer(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(kind() + " on port " + port + " exited with code "
                        + process.exitValue() + " at start; log " + log + ":\n" + RedisProcesses.tail(log));
            }
            if (answers()) {
                return;
            }
            RedisServer.sleep(50);
        }
        RedisProcesses.destroyTree(process);
        throw new IllegalStateException(kind() + " on port " + port + " did not accept connections within "
                + START_TIMEOUT + "; log " + log + ":\n" + RedisProcesses.tail(log));
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                RedisProcesses.destroyTree(process);
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Backends or a watcher may linger for a moment after the server itself.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.getOutputStream().close(); // lets the watchdog's cat end
        } catch (IOException e) {
            // already closed
        } catch (InterruptedException e) {
            RedisProcesses.destroyTree(process);
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        kill();
        closed = true;
        Leftovers.forget(this);
        RedisProcesses.deleteDirectory(directory);
    }

    static Path requireDirectory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("Missing directory " + path);
        }
        return path;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + jdbcUrl() + ", " + directory + "]";
    }
}
