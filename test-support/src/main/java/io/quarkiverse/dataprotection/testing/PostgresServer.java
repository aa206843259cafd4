package io.quarkiverse.dataprotection.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway PostgreSQL cluster ({@code initdb} once per JVM into a template, copied for each server, then
 * {@code postgres}) on a free loopback port, without a Unix socket. The superuser {@value #USER} logs in with
 * password {@value #PASSWORD} (SCRAM) to the database {@value #DATABASE}. Durable across {@link #kill()} (commits are
 * written before they return), tuned for speed otherwise ({@code fsync=off}: only an operating system crash would lose
 * data).
 * <p>
 * Thread-safety: see {@link DatabaseServer}.
 */
public final class PostgresServer extends DatabaseServer {

    public static final String USER = "postgres";
    public static final String PASSWORD = "dp-test-password";
    public static final String DATABASE = "postgres";

    private static Path template;

    private PostgresServer(int port, Path directory) {
        super(port, directory);
    }

    /** Prepares a data directory (a copy of the template) for a server on {@code port}. */
    static PostgresServer create(int port) {
        Path directory = DatabaseProcesses.createDirectory("postgresql");
        DatabaseProcesses.copyTree(template(), directory.resolve("data"));
        return new PostgresServer(port, directory);
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + DATABASE;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    List<String> serverCommand() {
        return List.of(DatabaseProcesses.postgresBin().resolve("postgres").toString(), "-D", dataDirectory().toString(),
                "-p", Integer.toString(port()), "-c", "listen_addresses=" + host(), "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "shared_buffers=16MB", "-c",
                "max_connections=100", "-c", "log_min_messages=warning", "-c", "log_connections=off");
    }

    @Override
    String executable() {
        return "postgres";
    }

    @Override
    String stopSignal() {
        return "INT"; // fast shutdown: ends the sessions, checkpoints, exits
    }

    @Override
    boolean answers() {
        return DatabaseProcesses.succeeds(List.of(DatabaseProcesses.postgresBin().resolve("pg_isready").toString(),
                "-q", "-h", host(), "-p", Integer.toString(port()), "-U", USER, "-d", DATABASE));
    }

    /** The cluster {@code initdb} made for this JVM, made on first use and deleted when the JVM ends. */
    private static synchronized Path template() {
        if (template == null) {
            Path directory = DatabaseProcesses.createDirectory("template-postgresql");
            DatabaseProcesses.deleteWhenJvmEnds(directory);
            Path passwordFile = directory.resolve("password");
            DatabaseProcesses.writeString(passwordFile, PASSWORD + "\n");
            DatabaseProcesses.giveToServerUser(passwordFile);
            Path data = directory.resolve("data");
            DatabaseProcesses.run(DatabaseProcesses.asServerUser(List.of(
                    DatabaseProcesses.postgresBin().resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
                    "--no-instructions")), directory.resolve("initdb.log"), Duration.ofSeconds(120));
            template = requireDirectory(data);
        }
        return template;
    }
}
