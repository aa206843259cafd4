package io.quarkiverse.dataprotection.jdbc.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The database key store, used when {@code quarkus.data-protection.key-store=jdbc} (the default with this extension).
 */
@ConfigMapping(prefix = "quarkus.data-protection.jdbc")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DataProtectionJdbcConfig {

    /**
     * The name of the datasource holding the key table, as in {@code quarkus.datasource."name".*}. When not set, the
     * default datasource ({@code quarkus.datasource.*}).
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
     * migration creates. Meant for development and tests: in production the schema belongs to the migrations (the
     * statement for each database is in the guide).
     */
    @WithDefault("false")
    boolean createTable();

    /**
     * Whether to listen for changes other instances announce (PostgreSQL {@code LISTEN/NOTIFY}; one connection of the
     * datasource's pool is held for it), so that a new or revoked key is seen within milliseconds rather than by the
     * next version poll (every second). Turn it off behind a pooler that does not keep sessions, such as PgBouncer in
     * transaction mode. Other databases are polled either way.
     */
    @WithDefault("true")
    boolean notifications();

    /** How long one statement, or the wait for the key table's lock, may take before the operation fails. */
    @WithDefault("10S")
    Duration queryTimeout();
}
