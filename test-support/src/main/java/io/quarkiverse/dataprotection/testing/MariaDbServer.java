package io.quarkiverse.dataprotection.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway MariaDB server ({@code mariadb-install-db} once per JVM into a template, copied for each server, then
 * {@code mariadbd}) on a free loopback port. The user {@value #USER} (password {@value #PASSWORD}) owns the database
 * {@value #DATABASE}; both are created by an init file on every start. InnoDB writes each commit to the operating
 * system before it returns, so a {@link #kill()} loses nothing.
 * <p>
 * Thread-safety: see {@link DatabaseServer}.
 */
public final class MariaDbServer extends DatabaseServer {

    public static final String USER = "dp";
    public static final String PASSWORD = "dp-test-password";
    public static final String DATABASE = "dataprotection";
    private static final List<String> INNODB = List.of("--innodb-buffer-pool-size=16M", "--innodb-log-file-size=4M");

    private static Path template;

    private MariaDbServer(int port, Path directory) {
        super(port, directory);
    }

    /** Prepares a data directory (a copy of the template) and the init file for a server on {@code port}. */
    static MariaDbServer create(int port) {
        Path directory = DatabaseProcesses.createDirectory("mariadb");
        DatabaseProcesses.copyTree(template(), directory.resolve("data"));
        Path init = directory.resolve("init.sql");
        DatabaseProcesses.writeString(init, "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4;\n"
                + "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';\n"
                + "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'%';\n");
        DatabaseProcesses.giveToServerUser(init);
        return new MariaDbServer(port, directory);
    }

    @Override
    public String kind() {
        return "mariadb";
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + DATABASE;
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
        List<String> command = new java.util.ArrayList<>(List.of(DatabaseProcesses.mariadb("mariadbd").toString(),
                "--no-defaults", "--datadir=" + dataDirectory(), "--port=" + port(), "--bind-address=" + host(),
                "--socket=" + directory().resolve("mysqld.sock"), "--pid-file=" + directory().resolve("mysqld.pid"),
                "--init-file=" + directory().resolve("init.sql"), "--skip-name-resolve", "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=2", "--max-connections=200"));
        command.addAll(INNODB);
        return command;
    }

    @Override
    String executable() {
        return "mariadbd";
    }

    @Override
    String stopSignal() {
        return "TERM";
    }

    @Override
    boolean answers() {
        return DatabaseProcesses.succeeds(List.of(DatabaseProcesses.mariadb("mariadb").toString(), "--no-defaults",
                "--protocol=TCP", "-h", host(), "-P", Integer.toString(port()), "-u", USER, "--password=" + PASSWORD,
                "-e", "SELECT 1", DATABASE));
    }

    /** The data directory {@code mariadb-install-db} made for this JVM, made on first use and deleted when the JVM ends. */
    private static synchronized Path template() {
        if (template == null) {
            Path directory = DatabaseProcesses.createDirectory("template-mariadb");
            DatabaseProcesses.deleteWhenJvmEnds(directory);
            Path data = directory.resolve("data");
            List<String> command = new java.util.ArrayList<>(List.of(
                    DatabaseProcesses.mariadb("mariadb-install-db").toString(), "--no-defaults", "--datadir=" + data,
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"));
            command.addAll(INNODB);
            if (UnprivilegedJvm.runningAsRoot()) {
                command.add("--user=nobody");
            }
            DatabaseProcesses.run(command, directory.resolve("install.log"), Duration.ofSeconds(120));
            template = requireDirectory(data);
        }
        return template;
    }
}
