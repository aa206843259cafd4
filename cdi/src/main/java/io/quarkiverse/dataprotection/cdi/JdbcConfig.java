package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * {@code quarkus.data-protection.jdbc.*}: the database key store, used when {@code key-store=jdbc}. The names and
 * defaults are the Quarkus extension's ({@code DataProtectionJdbcConfig}); only the datasource is found differently:
 * a {@code javax.sql.DataSource} bean instead of an Agroal datasource. Plain JDK types only, so that the mapping loads
 * without the JDBC module.
 */
interface JdbcConfig {

    /**
     * The name of the {@code javax.sql.DataSource} bean holding the key table, as its {@code @Named} qualifier. When not
     * set, the application's one {@code DataSource} bean with the default qualifier. (In Quarkus the same property
     * names an Agroal datasource, {@code quarkus.datasource."name".*}.)
     */
    Optional<String> datasource();

    /**
     * The key table: ASP.NET Core's {@code DataProtectionKeys} unless the .NET application's {@code DbContext} maps
     * another name; optionally qualified by its schema ({@code schema.table}). Letters, digits and underscores; quoted
     * in every statement, so the case counts.
     */
    @WithDefault("DataProtectionKeys")
    String tableName();

    /**
     * Whether to create the key table at first use when it does not exist, with the columns Entity Framework Core's
     * migration creates. For development and tests: in production the schema belongs to the migrations.
     */
    @WithDefault("false")
    boolean createTable();

    /**
     * Whether to listen for changes other instances announce (PostgreSQL {@code LISTEN/NOTIFY}; one connection of the
     * datasource is held for it). Other databases are polled either way.
     */
    @WithDefault("true")
    boolean notifications();

    /** How long one statement, or the wait for the key table's lock, may take before the operation fails. */
    @WithDefault("10S")
    @WithConverter(DurationConverter.class)
    Duration queryTimeout();
}
