package io.quarkiverse.dataprotection.testing;

/**
 * Starts real database servers for tests: PostgreSQL ({@code postgres} from Debian's {@code postgresql}) and MariaDB
 * ({@code mariadbd} from {@code mariadb-server}), each a child process on a free loopback port with its data in its
 * own temporary directory. Use them in try-with-resources or close them in {@code @AfterAll}:
 *
 * <pre>{@code
 * try (DatabaseServer postgres = DatabaseServers.postgres()) {
 *     postgres.update("CREATE TABLE t (id int)");
 *     DataSource dataSource = ... postgres.jdbcUrl(), postgres.user(), postgres.password() ...
 * }
 * }</pre>
 *
 * Without the servers installed, starting throws an {@link IllegalStateException} that says how to install them. The
 * first server of each kind in a JVM also prepares a template data directory (about 2 s for PostgreSQL, 5 s for
 * MariaDB); the next ones copy it and are up in about a second.
 */
public final class DatabaseServers {

    private DatabaseServers() {
    }

    /** Whether PostgreSQL's server binaries can be found. */
    public static boolean postgresInstalled() {
        return DatabaseProcesses.postgresInstalled();
    }

    /** Whether MariaDB's server binaries can be found. */
    public static boolean mariadbInstalled() {
        return DatabaseProcesses.mariadbInstalled();
    }

    /** A PostgreSQL server accepting connections. */
    public static PostgresServer postgres() {
        return DatabaseServer.start(PostgresServer::create);
    }

    /** A MariaDB server accepting connections as {@link MariaDbServer#USER}. */
    public static MariaDbServer mariadb() {
        return DatabaseServer.start(MariaDbServer::create);
    }
}
