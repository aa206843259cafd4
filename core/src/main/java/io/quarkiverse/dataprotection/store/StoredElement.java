package io.quarkiverse.dataprotection.store;

import java.util.Objects;

/**
 * One element as a store holds it.
 *
 * @param name the store's handle for the element (a file name for the file system store; {@code null} where
 *        the element itself is the handle, as in Redis)
 * @param xml the serialized XML element; for a key it may contain an unencrypted master key, so it is never
 *        logged and {@link #toString()} omits it
 */
public record StoredElement(String name, String xml) {

    public StoredElement {
        Objects.requireNonNull(xml, "xml");
    }

    @Override
    public String toString() {
        return "StoredElement[name=" + name + ", " + xml.length() + " chars]";
    }
}
