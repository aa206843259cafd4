package io.quarkiverse.dataprotection.cdi;

/** Where the key ring lives ({@code quarkus.data-protection.key-store}); a run-time choice in a CDI container. */
enum KeyStoreKind {
    /** One XML file per key in a directory, as ASP.NET's {@code PersistKeysToFileSystem}. */
    FILE,
    /** A Redis list of key XML elements, as ASP.NET's {@code PersistKeysToStackExchangeRedis}. */
    REDIS,
    /** A database table over a {@code javax.sql.DataSource}, as ASP.NET's {@code PersistKeysToDbContext}. */
    JDBC,
    /** Process memory only: keys are lost at shutdown. For tests and throwaway data. */
    MEMORY
}
