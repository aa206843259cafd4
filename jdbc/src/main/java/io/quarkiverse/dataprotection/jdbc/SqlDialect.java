package io.quarkiverse.dataprotection.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases the JDBC key store supports, each with its identifier quoting, its {@code CREATE TABLE} for the key
 * table (the one Entity Framework Core's migrations create for ASP.NET Core's {@code DataProtectionKey} entity), and how
 * it makes a conditional append atomic:
 * <ul>
 * <li>{@link #POSTGRESQL}: {@code LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE} inside the transaction, which queues every
 * other writer, ASP.NET Core's inserts included, and no reader; changes are announced with {@code NOTIFY};</li>
 * <li>{@link #MARIADB} (and MySQL): the named lock {@code GET_LOCK('dp-keys:<sha1 of schema.table>')} around the
 * transaction, which queues the writers of this library, and a locking read ({@code SELECT ... FOR UPDATE}) of the
 * version, whose next-key locks hold back inserts by others under InnoDB's default isolation
 * ({@code REPEATABLE READ});</li>
 * <li>{@link #SQL_SERVER}: a read of the version {@code WITH (TABLOCKX, HOLDLOCK)}: an exclusive table lock until
 * commit;</li>
 * <li>{@link #H2} (development and tests): a lock within this JVM only, since H2 has no table lock a transaction can
 * take; several processes on one H2 database may each create a key.</li>
 * </ul>
 * Immutable.
 */
public enum SqlDialect {

    POSTGRESQL("\"", "\""),
    MARIADB("`", "`"),
    SQL_SERVER("[", "]"),
    H2("\"", "\"");

    private final String open;
    private final String close;

    SqlDialect(String open, String close) {
        this.open = open;
        this.close = close;
    }

    /**
     * The dialect of a database, by the product name its driver reports
     * ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}), or empty for a database this store does not support.
     */
    public static Optional<SqlDialect> forProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return Optional.of(MARIADB);
        }
        if (name.contains("sql server")) {
            return Optional.of(SQL_SERVER);
        }
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }

    /** {@code identifier} quoted for this database; callers pass only identifiers {@link KeyTable} validated. */
    String quote(String identifier) {
        return open + identifier + close;
    }

    /**
     * The statement that creates the key table when it is missing, as Entity Framework Core's migration would for the
     * database: {@code Id} an integer identity primary key, {@code FriendlyName} and {@code Xml} nullable text.
     *
     * @param tableName the table, optionally {@code schema.table}
     * @throws IllegalArgumentException when the name is not a valid table name (see {@link JdbcRepositoryOptions})
     */
    public String createTableStatement(String tableName) {
        return KeyTable.of(this, tableName).createStatement();
    }
}
