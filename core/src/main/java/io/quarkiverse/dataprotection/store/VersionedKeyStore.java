package io.quarkiverse.dataprotection.store;

/**
 * A {@link KeyStore} that can append conditionally and tell cheaply whether it changed. It is what makes key
 * creation exactly-once across processes (the instance whose append loses adopts the winner's key) and lets
 * instances see each other's changes within about a second.
 * <p>
 * Every {@link #add} and {@link #remove} must change the version, and so must {@link #addIfVersion} when it
 * appends. Implementations must be safe for concurrent use, also by several processes.
 */
public interface VersionedKeyStore extends KeyStore {

    /** The elements and the store's version, read atomically together. */
    VersionedElements readVersioned();

    /**
     * Appends {@code xml} only if the store's version is still {@code expectedVersion}.
     *
     * @return {@code true} when it appended, {@code false} when another writer changed the store first
     */
    boolean addIfVersion(String expectedVersion, String xml, String friendlyName);

    /** The store's current version; one small read, cheap enough to poll every second. */
    String version();

    /**
     * Calls {@code listener} (on any thread) when another process may have changed the store. Notifications may be
     * lost (for instance across a reconnect), so callers also poll {@link #version()}.
     *
     * @return closes the subscription
     */
    default AutoCloseable subscribe(Runnable listener) {
        return () -> {
        };
    }

    /**
     * Elements with the version they were read at.
     *
     * @param elements the elements
     * @param version the version token
     */
    record VersionedElements(java.util.List<StoredElement> elements, String version) {
    }
}
