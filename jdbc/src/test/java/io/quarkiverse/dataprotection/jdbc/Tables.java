package io.quarkiverse.dataprotection.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * Key tables and connection pools on the test servers, and raw SQL on them as another writer (an ASP.NET Core
 * application through Entity Framework Core) would run it.
 */
final class Tables {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Tables() {
    }

    /** A table name no other test uses, e.g. {@code Keys_7_exactlyOnce}. */
    static String unique(String what) {
        return "Keys_" + SEQUENCE.incrementAndGet() + "_" + what.replaceAll("[^A-Za-z0-9_]", "_");
    }

    static SqlDialect dialect(DatabaseServer server) {
        return server.kind().equals("postgresql") ? SqlDialect.POSTGRESQL : SqlDialect.MARIADB;
    }

    /** Creates the key table as Entity Framework Core's migration would. */
    static String create(DatabaseServer server, String table) {
        server.update(dialect(server).createTableStatement(table));
        return table;
    }

    /**
     * A connection pool of its own, as each application instance has: validates connections on borrow and drops those
     * that failed fatally, as Quarkus configures Agroal, so it recovers after a database restart.
     */
    static AgroalDataSource pool(DatabaseServer server, int maxSize) {
        return pool(server.jdbcUrl(), server.user(), server.password(), maxSize);
    }

    static AgroalDataSource pool(String jdbcUrl, String user, String password, int maxSize) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(maxSize)
                            .acquisitionTimeout(Duration.ofSeconds(5))
                            .validateOnBorrow(true)
                            .connectionValidator(ConnectionValidator.defaultValidator())
                            .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password)))));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create a pool for " + jdbcUrl, e);
        }
    }

    static JdbcXmlRepository store(AgroalDataSource pool, String table) {
        return new JdbcXmlRepository(pool, JdbcRepositoryOptions.defaults().withTableName(table));
    }

    /** {@code Id}, {@code FriendlyName}, {@code Xml} of every row, in {@code Id} order, as EF Core reads them. */
    static List<List<Object>> rows(DatabaseServer server, String table) {
        String q = quote(server);
        return server.query("SELECT " + q + "Id" + q + ", " + q + "FriendlyName" + q + ", " + q + "Xml" + q + " FROM "
                + q + table + q + " ORDER BY " + q + "Id" + q);
    }

    /** The {@code Xml} of every row, in {@code Id} order. */
    static List<String> xml(DatabaseServer server, String table) {
        return rows(server, table).stream().map(row -> (String) row.get(2)).toList();
    }

    /** Inserts a row exactly as EF Core's {@code SaveChanges} does for a new {@code DataProtectionKey}. */
    static void insertAsEfCore(DatabaseServer server, String table, String friendlyName, String xml) {
        String q = quote(server);
        server.update("INSERT INTO " + q + table + q + " (" + q + "FriendlyName" + q + ", " + q + "Xml" + q
                + ") VALUES (?, ?)", friendlyName, xml);
    }

    static void deleteAll(DatabaseServer server, String table) {
        String q = quote(server);
        server.update("DELETE FROM " + q + table + q);
    }

    static String quote(DatabaseServer server) {
        return server.kind().equals("postgresql") ? "\"" : "`";
    }
}
