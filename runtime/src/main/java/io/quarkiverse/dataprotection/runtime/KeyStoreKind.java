package io.quarkiverse.dataprotection.runtime;

/** Where the key ring lives; chosen at build time with {@code quarkus.data-protection.key-store}. */
public enum KeyStoreKind {
    /** One XML file per key in a directory, as ASP.NET's {@code PersistKeysToFileSystem}. */
    FILE,
    /** A Redis list of key XML elements, as ASP.NET's {@code PersistKeysToStackExchangeRedis}. */
    REDIS,
    /** Process memory only: keys are lost at shutdown. For tests and throwaway data. */
    MEMORY
}
