package io.quarkiverse.dataprotection.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for the key table's change announcements ({@code LISTEN} on {@link KeyTable#channel()}, e.g.
 * {@code "DataProtectionKeys:changes"}) on one connection of the data source, in a daemon thread, and calls the listener for
 * each batch of them. The connection is checked with a
 * {@code SELECT 1} every {@value #CHECK_SECONDS} s while quiet; on any failure it is given back and taken again after a
 * growing pause (up to 5 s), and the listener is called once after each re-subscription, since announcements made in
 * between are lost. The thread ends at once when the database turns out not to be PostgreSQL.
 * <p>
 * Loaded only on PostgreSQL's path, so the PostgreSQL driver is needed only there. Thread-safety: {@link #close()} may
 * be called from any thread.
 */
final class PostgresNotifications implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresNotifications.class);
    private static final int WAIT_MILLIS = 500;
    private static final int CHECK_SECONDS = 15;
    private static final long MAX_PAUSE_MILLIS = 5_000;

    /** Finds the key table (and so the dialect) on a connection. */
    @FunctionalInterface
    interface TableLookup {
        KeyTable table(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final TableLookup tables;
    private final Runnable listener;
    private final String description;
    private final Thread thread;
    private volatile boolean closed;

    private PostgresNotifications(DataSource dataSource, TableLookup tables, Runnable listener, String description) {
        this.dataSource = dataSource;
        this.tables = tables;
        this.listener = listener;
        this.description = description;
        this.thread = new Thread(this::run, "data-protection-jdbc-listener");
        thread.setDaemon(true);
    }

    static AutoCloseable start(DataSource dataSource, TableLookup tables, Runnable listener, String description) {
        PostgresNotifications notifications = new PostgresNotifications(dataSource, tables, listener, description);
        notifications.thread.start();
        return notifications;
    }

    private void run() {
        long pause = 100;
        boolean subscribedBefore = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                KeyTable table = tables.table(connection);
                if (table.dialect() != SqlDialect.POSTGRESQL || !connection.isWrapperFor(PGConnection.class)) {
                    LOG.debugf("%s is not on PostgreSQL with its driver: changes are found by polling", description);
                    return;
                }
                listen(connection, table);
                if (subscribedBefore) {
                    listener.run();
                }
                subscribedBefore = true;
                pause = 100;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.debugf("Listening for changes of %s failed (%s); again in %d ms, polling finds changes meanwhile",
                        description, SqlFailures.describe(e), pause);
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    private static void listen(Connection connection, KeyTable table) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true); // LISTEN takes effect at commit
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(table.timeoutSeconds());
            statement.execute("LISTEN " + table.quotedChannel());
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + Duration.ofSeconds(CHECK_SECONDS).toNanos();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                listener.run();
                nextCheck = System.nanoTime() + Duration.ofSeconds(CHECK_SECONDS).toNanos();
            } else if (System.nanoTime() > nextCheck) {
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(5);
                    statement.execute("SELECT 1"); // a dead connection would otherwise just stay quiet
                }
                nextCheck = System.nanoTime() + Duration.ofSeconds(CHECK_SECONDS).toNanos();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *"); // the connection goes back to the pool
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening within about half a second and gives the connection back. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
