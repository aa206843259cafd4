package io.quarkiverse.dataprotection.store;

import java.util.Collection;
import java.util.List;

/**
 * Where the key ring's XML elements live: keys and revocations, one element each (ASP.NET Core's
 * {@code IXmlRepository}). A store knows nothing of keys: it reads, appends and removes opaque XML text.
 * <p>
 * Implementations must be safe for concurrent use, and every provider sharing a store must see every element
 * another one added. Failures throw {@link KeyStoreException}; a store never returns a partial read as if it were
 * complete.
 */
public interface KeyStore {

    /**
     * Every element in the store, in the order they were added when the store keeps one.
     *
     * @throws KeyStoreException when the store cannot be read
     */
    List<StoredElement> readAll();

    /**
     * Appends one element.
     *
     * @param xml the element, serialized
     * @param friendlyName a name for stores that want one, such as {@code key-<guid>} (ASP.NET's file names)
     * @throws KeyStoreException when the element cannot be stored
     */
    void add(String xml, String friendlyName);

    /**
     * Removes exactly the given elements, as previously returned by {@link #readAll()}. Elements already gone are
     * ignored.
     *
     * @throws KeyStoreException when the store cannot be changed
     */
    void remove(Collection<StoredElement> elements);

    /** Names the store for logs and health data, such as {@code file:/var/keys}; never contains a secret. */
    String description();
}
