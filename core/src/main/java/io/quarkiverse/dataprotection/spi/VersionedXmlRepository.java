package io.quarkiverse.dataprotection.spi;

/**
 * A {@link XmlRepository} that can append conditionally and tell cheaply whether it changed. It is what makes key
 * creation exactly-once across processes (the instance whose append loses adopts the winner's key) and lets
 * instances see each other's changes within about a second.
 * <p>
 * Every {@link #add} and {@link #remove} must change the version, and so must {@link #addIfVersion} when it
 * appends. Implementations must be safe for concurrent use, also by several processes.
 */
public interface VersionedXmlRepository extends XmlRepository {

    /** The elements and the store's version, read atomically together. */
    VersionedElements readVersioned();

    /**
     * Appends {@code xml} only if the store's version is still {@code expectedVersion}.
     *
     * @return {@code true} when it appended, {@code false} when another writer changed the store first
     */
    boolean addIfVersion(String expectedVersion, String xml, String friendlyName);

    /**
     * Appends every element of {@code elements}, in order, only if the store's version is still
     * {@code expectedVersion}: all or none, in one atomic step (used to restore elements a store lost, so that
     * several instances restoring at once restore once).
     *
     * @return {@code true} when it appended, {@code false} when another writer changed the store first
     */
    boolean addAllIfVersion(String expectedVersion, java.util.List<NewElement> elements);

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
     * An element to append.
     *
     * @param xml the element, serialized
     * @param friendlyName the name for stores that want one (see {@link XmlRepository#add})
     */
    record NewElement(String xml, String friendlyName) {

        public NewElement {
            java.util.Objects.requireNonNull(xml, "xml");
        }

        @Override
        public String toString() {
            return "NewElement[" + friendlyName + ", " + xml.length() + " chars]";
        }
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
