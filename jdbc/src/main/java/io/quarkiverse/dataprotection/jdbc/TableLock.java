package io.quarkiverse.dataprotection.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock that makes a write transaction on the key table exclusive among writers, per {@link SqlDialect}. Every write
 * (append, conditional append, removal) takes it, so a conditional append compares and inserts with no other writer
 * in between. Stateless apart from the JVM-wide locks of {@link SqlDialect#H2}.
 */
final class TableLock {

    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private TableLock() {
    }

    /** Something to release after the transaction ended (committed or rolled back). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the part of the lock that lives outside the transaction: MariaDB's session-level named lock, H2's lock in
     * this JVM. Call with auto-commit on, before the transaction starts, so that its snapshot is taken after the lock.
     *
     * @throws SQLException when the lock is not granted within the table's timeout
     */
    static Held beforeTransaction(Connection connection, KeyTable table) throws SQLException {
        switch (table.dialect()) {
            case MARIADB:
                return namedLock(connection, table);
            case H2:
                ReentrantLock lock = JVM_LOCKS.computeIfAbsent(table.name(), name -> new ReentrantLock());
                try {
                    if (!lock.tryLock(table.timeoutSeconds(), TimeUnit.SECONDS)) {
                        throw new SQLException("The key table lock was not granted within " + table.timeoutSeconds()
                                + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while waiting for the key table lock", e);
                }
                return lock::unlock;
            default:
                return () -> {
                };
        }
    }

    /** Takes the part of the lock that lives inside the transaction (PostgreSQL's table lock). */
    static void lockInTransaction(Connection connection, KeyTable table) throws SQLException {
        if (table.dialect() == SqlDialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(table.timeoutSeconds());
                statement.execute(table.lockStatement());
            }
        }
        // MariaDB and SQL Server lock with the version read itself (KeyTable.version(connection, true)).
    }

    private static Held namedLock(Connection connection, KeyTable table) throws SQLException {
        String name = "CONCAT('dp-keys:', SHA1(CONCAT(DATABASE(), '.', ?)))";
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(" + name + ", ?)")) {
            statement.setString(1, table.name());
            statement.setInt(2, table.timeoutSeconds());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getInt(1) != 1) {
                    throw new SQLException("The named lock of the key table was not granted within "
                            + table.timeoutSeconds() + " s");
                }
            }
        }
        return () -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(" + name + ")")) {
                statement.setString(1, table.name());
                statement.executeQuery().close();
            } catch (SQLException e) {
                // The connection broke: the server released the lock with the session.
            }
        };
    }
}
