package io.quarkiverse.dataprotection.spi;

import java.util.Collection;
import java.util.List;

/**
 * Where the key ring's XML elements live: keys and revocations, one element each (ASP.NET Core's
 * {@code IXmlRepository}). A store knows nothing of keys: it reads, appends and removes opaque XML text.
 * <p>
 * Implementations must be safe for concurrent use, and every provider sharing a store must see every element
 * another one added. Failures throw {@link XmlRepositoryException}; a store never returns a partial read as if it were
 * complete.
 */
public interface XmlRepository {

    /**
     * Every element in the store, in the order they were added when the store keeps one.
     *
     * @throws XmlRepositoryException when the store cannot be read
     */
    List<StoredElement> readAll();

    /**
     * Appends one element.
     *
     * @param xml the element, serialized
     * @param friendlyName a name for stores that want one, such as {@code key-<guid>} (ASP.NET's file names)
     * @throws XmlRepositoryException when the element cannot be stored
     */
    void add(String xml, String friendlyName);

    /**
     * Removes exactly the given elements, as previously returned by {@link #readAll()}. Elements already gone are
     * ignored.
     *
     * @throws XmlRepositoryException when the store cannot be changed
     */
    void remove(Collection<StoredElement> elements);

    /**
     * Whether the elements live outside this process (files, a server), so that master keys stored unencrypted are a
     * risk worth a warning; {@code false} for process memory.
     */
    default boolean isPersistent() {
        return true;
    }

    /** Names the store for logs and health data, such as {@code file:/var/keys}; never contains a secret. */
    String description();
}
