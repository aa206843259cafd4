package io.quarkiverse.dataprotection.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link JdbcXmlRepository} uses its database. Start from {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * new JdbcXmlRepository(dataSource, JdbcRepositoryOptions.defaults().withTableName("auth.DataProtectionKeys"));
 * }</pre>
 *
 * Immutable.
 *
 * @param tableName the key table, ASP.NET Core's {@value #DEFAULT_TABLE_NAME} unless the application's
 *        {@code DbContext} maps another; optionally qualified by its schema ({@code schema.table}). Letters, digits and
 *        underscores, starting with a letter or an underscore, at most 63 characters per part; quoted in every
 *        statement, so the case counts
 * @param createTable whether to create the table when it is missing (with the statement of
 *        {@link SqlDialect#createTableStatement}); off by default: in production the schema belongs to the migrations
 * @param notifications whether to listen for changes announced by other instances (PostgreSQL {@code LISTEN}, one
 *        pooled connection held while subscribed); without it, changes are found by the version poll alone. Writes
 *        announce themselves with {@code NOTIFY} either way
 * @param queryTimeout how long one statement, or the wait for the table lock, may take before the operation fails
 * @param dialect the database, or empty to recognize it from the driver's metadata on first use
 * @param dataSourceName a name for the data source in {@link JdbcXmlRepository#description()} (logs and health), or
 *        empty; never a URL, which may carry a password
 */
public record JdbcRepositoryOptions(String tableName, boolean createTable, boolean notifications, Duration queryTimeout,
        Optional<SqlDialect> dialect, Optional<String> dataSourceName) {

    /** ASP.NET Core's table: the {@code DbSet<DataProtectionKey> DataProtectionKeys} property of the context. */
    public static final String DEFAULT_TABLE_NAME = "DataProtectionKeys";
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @throws IllegalArgumentException when the table name or the timeout is invalid, naming the rule and the value
     */
    public JdbcRepositoryOptions {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(dataSourceName, "dataSourceName");
        KeyTable.validateName(tableName);
        if (queryTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("Invalid query timeout " + queryTimeout
                    + ": JDBC counts it in whole seconds, so use at least 1 second, e.g. PT10S");
        }
    }

    /** Table {@value #DEFAULT_TABLE_NAME}, not created, notifications on, 10 s timeout, dialect recognized. */
    public static JdbcRepositoryOptions defaults() {
        return new JdbcRepositoryOptions(DEFAULT_TABLE_NAME, false, true, DEFAULT_QUERY_TIMEOUT, Optional.empty(),
                Optional.empty());
    }

    /**
     * The options an adapter's settings give (the {@code jdbc.*} properties of the Quarkus and the CDI extension):
     * the table name stripped of surrounding white space, then checked, then the timeout. A failed check is reported
     * through {@code invalid}, so that the adapter names its own property and throws its own exception. (Not as an
     * {@code InvalidSettingException}: its rules read {@code {name}} as another setting's name, and the table name's
     * rule repeats the configured name as it is.)
     *
     * @param tableName the table name as configured
     * @param dataSourceName the data source's name for {@link JdbcXmlRepository#description()}
     * @param invalid makes the failure of a setting that breaks a rule
     * @throws RuntimeException what {@code invalid} made
     */
    public static JdbcRepositoryOptions fromSettings(String tableName, boolean createTable, boolean notifications,
            Duration queryTimeout, String dataSourceName, InvalidSetting invalid) {
        JdbcRepositoryOptions options = defaults().withCreateTable(createTable).withNotifications(notifications)
                .withDataSourceName(dataSourceName);
        try {
            options = options.withTableName(tableName.strip());
        } catch (IllegalArgumentException e) {
            throw invalid.of(Setting.TABLE_NAME, "'" + tableName + "'", e.getMessage());
        }
        try {
            return options.withQueryTimeout(queryTimeout);
        } catch (IllegalArgumentException e) {
            throw invalid.of(Setting.QUERY_TIMEOUT, queryTimeout, e.getMessage());
        }
    }

    /** A setting {@link #fromSettings} checks. Immutable. */
    public enum Setting {
        /** The table name; its value is shown quoted, as configured. */
        TABLE_NAME,
        /** The query timeout. */
        QUERY_TIMEOUT
    }

    /**
     * Makes the exception for a setting that breaks a rule, in the adapter's words. Called on the thread of
     * {@link #fromSettings}, at most once a call.
     */
    @FunctionalInterface
    public interface InvalidSetting {

        /**
         * @param setting the setting
         * @param value its value as the message shows it
         * @param rule the rule it breaks, with the fix
         * @return the exception to throw
         */
        RuntimeException of(Setting setting, Object value, String rule);
    }

    public JdbcRepositoryOptions withTableName(String tableName) {
        return new JdbcRepositoryOptions(tableName, createTable, notifications, queryTimeout, dialect, dataSourceName);
    }

    public JdbcRepositoryOptions withCreateTable(boolean createTable) {
        return new JdbcRepositoryOptions(tableName, createTable, notifications, queryTimeout, dialect, dataSourceName);
    }

    public JdbcRepositoryOptions withNotifications(boolean notifications) {
        return new JdbcRepositoryOptions(tableName, createTable, notifications, queryTimeout, dialect, dataSourceName);
    }

    public JdbcRepositoryOptions withQueryTimeout(Duration queryTimeout) {
        return new JdbcRepositoryOptions(tableName, createTable, notifications, queryTimeout, dialect, dataSourceName);
    }

    public JdbcRepositoryOptions withDialect(SqlDialect dialect) {
        return new JdbcRepositoryOptions(tableName, createTable, notifications, queryTimeout, Optional.of(dialect),
                dataSourceName);
    }

    public JdbcRepositoryOptions withDataSourceName(String dataSourceName) {
        return new JdbcRepositoryOptions(tableName, createTable, notifications, queryTimeout, dialect,
                Optional.of(dataSourceName));
    }
}
