package io.quarkiverse.dataprotection.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Keeps the key ring in a database table, exactly as ASP.NET Core's Entity Framework Core store
 * ({@code PersistKeysToDbContext}) does, so that .NET and Java applications sharing a database share one key ring:
 * <ul>
 * <li>table {@code DataProtectionKeys} (configurable), columns {@code Id} (integer identity primary key),
 * {@code FriendlyName} (nullable text, {@code key-<id>} for keys) and {@code Xml} (nullable text: the element, serialized
 * without formatting);</li>
 * <li>{@link #add} inserts one row; {@link #readAll} is every row in {@code Id} order, each named
 * {@code row <Id> (<FriendlyName>)}; a row whose {@code Xml} is NULL or empty is returned as
 * {@linkplain StoredElement#unreadable unreadable} (ASP.NET skips it; we will not build a ring that might miss a
 * revocation); {@link #remove} deletes exactly the given rows by {@code Id}.</li>
 * </ul>
 * As a {@link VersionedXmlRepository}, its version is {@code <row count>:<highest Id>}, one small aggregate query, so a
 * change by anyone (an ASP.NET Core application's insert included) changes it. Every write takes the table lock of the
 * dialect (see {@link SqlDialect}), so {@link #addIfVersion} compares and inserts atomically, and exactly one of many
 * instances starting on an empty table creates the first key. On PostgreSQL, writes announce themselves with
 * {@code NOTIFY} (no key material), and {@link #subscribe} listens on a dedicated pooled connection that reconnects.
 * <p>
 * The store never logs key XML, and its exceptions never quote it (drivers' messages are shortened before any echoed
 * value). It borrows the data source and never closes it. Nothing touches the database before the first operation, so
 * an application starts while its database is down. Privileges it needs: {@code SELECT, INSERT, DELETE} on the table
 * (PostgreSQL's {@code LOCK TABLE} needs {@code DELETE} or {@code UPDATE} too), and {@code CREATE} with
 * {@code createTable}.
 * <p>
 * Thread-safety: safe for concurrent use by any number of threads and processes.
 */
public final class JdbcXmlRepository implements VersionedXmlRepository {

    private static final Logger LOG = Logger.getLogger(JdbcXmlRepository.class);

    private final DataSource dataSource;
    private final JdbcRepositoryOptions options;
    private final String description;
    private volatile KeyTable table;
    private volatile boolean tableReady;

    /** A store over the table {@value JdbcRepositoryOptions#DEFAULT_TABLE_NAME}. */
    public JdbcXmlRepository(DataSource dataSource) {
        this(dataSource, JdbcRepositoryOptions.defaults());
    }

    public JdbcXmlRepository(DataSource dataSource, JdbcRepositoryOptions options) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.options = Objects.requireNonNull(options, "options");
        this.description = "jdbc:" + options.tableName() + options.dataSourceName().map(name -> "@" + name).orElse("");
        options.dialect().ifPresent(dialect -> table = KeyTable.of(dialect, options.tableName(), timeoutSeconds()));
    }

    /** The options this store was created with. */
    public JdbcRepositoryOptions options() {
        return options;
    }

    @Override
    public List<StoredElement> readAll() {
        return readVersioned().elements();
    }

    @Override
    public VersionedElements readVersioned() {
        KeyTable.Rows rows = read("could not be read", (connection, table) -> table.readAll(connection));
        return new VersionedElements(rows.elements(), rows.version());
    }

    @Override
    public String version() {
        return read("could not be read", (connection, table) -> table.version(connection, false));
    }

    @Override
    public void add(String xml, String friendlyName) {
        Objects.requireNonNull(xml, "xml");
        write("could not be appended to", (connection, table) -> {
            table.insert(connection, xml, friendlyName);
            table.announceChange(connection);
            return true;
        });
        LOG.debugf("Appended %s to %s", friendlyName, description);
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(xml, "xml");
        return addAllIfVersion(expectedVersion, List.of(new NewElement(xml, friendlyName)));
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        List<NewElement> toAdd = List.copyOf(elements);
        boolean added = write("could not be appended to", (connection, table) -> {
            if (!expectedVersion.equals(table.version(connection, true))) {
                return false;
            }
            for (NewElement element : toAdd) {
                table.insert(connection, element.xml(), element.friendlyName());
            }
            table.announceChange(connection);
            return true;
        });
        LOG.debugf("%s %d element(s) to %s at version %s", added ? "Appended" : "Did not append", toAdd.size(),
                description, expectedVersion);
        return added;
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        List<Long> ids = new ArrayList<>(elements.size());
        elements.forEach(element -> ids.add(RowName.id(element)));
        if (ids.isEmpty()) {
            return;
        }
        int removed = write("could not be changed", (connection, table) -> {
            int deleted = 0;
            for (long id : ids) {
                deleted += table.delete(connection, id) ? 1 : 0;
            }
            if (deleted > 0) {
                table.announceChange(connection);
            }
            return deleted;
        });
        LOG.debugf("Removed %d of %d rows from %s", removed, ids.size(), description);
    }

    /**
     * On PostgreSQL with {@link JdbcRepositoryOptions#notifications()}, listens for the changes writers announce, on
     * one connection of the data source held while subscribed, reconnecting after failures (and then calling
     * {@code listener} once, for what it may have missed). Elsewhere, or with notifications off, changes are found by
     * the caller's version polling alone. Never fails the caller and never blocks it on the database.
     */
    @Override
    public AutoCloseable subscribe(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        if (!options.notifications()) {
            return () -> {
            };
        }
        return PostgresNotifications.start(dataSource, this::table, listener, description);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "JdbcXmlRepository[" + description + "]";
    }

    /** Work on the key table inside one connection (and, for writes, one transaction). */
    @FunctionalInterface
    interface TableWork<T> {
        T run(Connection connection, KeyTable table) throws SQLException;
    }

    private <T> T read(String what, TableWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            KeyTable keyTable = ready(connection);
            T result = work.run(connection, keyTable);
            if (!connection.getAutoCommit()) {
                connection.commit(); // a pool handing out connections in manual commit mode: end the read
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            throw failure(what, e);
        }
    }

    private <T> T write(String what, TableWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            KeyTable keyTable = ready(connection);
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.rollback(); // start from a clean slate: the lock must come before the snapshot
                connection.setAutoCommit(true);
            }
            try (TableLock.Held held = TableLock.beforeTransaction(connection, keyTable)) {
                connection.setAutoCommit(false);
                try {
                    TableLock.lockInTransaction(connection, keyTable);
                    T result = work.run(connection, keyTable);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                } finally {
                    setAutoCommitQuietly(connection, true); // MariaDB's named lock is released outside the transaction
                }
            } finally {
                setAutoCommitQuietly(connection, autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            throw failure(what, e);
        }
    }

    /** The key table on this connection's database, created first when so configured. */
    private KeyTable ready(Connection connection) throws SQLException {
        KeyTable keyTable = table(connection);
        if (options.createTable() && !tableReady) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                keyTable.create(connection);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            tableReady = true;
            LOG.debugf("The key table of %s exists", description);
        }
        return keyTable;
    }

    /** The key table, its dialect recognized from the connection's metadata the first time. */
    KeyTable table(Connection connection) throws SQLException {
        KeyTable known = table;
        if (known != null) {
            return known;
        }
        String product = connection.getMetaData().getDatabaseProductName();
        SqlDialect dialect = SqlDialect.forProductName(product).orElseThrow(() -> new XmlRepositoryException(
                "The JDBC key store " + description + " does not support the database '" + product + "'; it supports "
                        + "PostgreSQL, MariaDB, MySQL, SQL Server and H2 (set JdbcRepositoryOptions.withDialect for a "
                        + "compatible database that reports another name)"));
        known = KeyTable.of(dialect, options.tableName(), timeoutSeconds());
        table = known;
        return known;
    }

    private int timeoutSeconds() {
        return (int) Math.min(Integer.MAX_VALUE, options.queryTimeout().toSeconds());
    }

    /** Restores the pooled connection's mode; a broken connection must not hide the failure that broke it. */
    private static void setAutoCommitQuietly(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // the pool discards a broken connection
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection broke; the database rolls the transaction back itself
        }
    }

    private XmlRepositoryException failure(String what, Exception cause) {
        if (cause instanceof XmlRepositoryException own) {
            return own;
        }
        return SqlFailures.failure(description, what, cause);
    }
}
