package io.quarkiverse.dataprotection.spi;

/**
 * One element as a store holds it.
 *
 * @param name the store's handle for the element (a file name for the file system store; {@code null} where
 *        the element itself is the handle, as in Redis)
 * @param xml the serialized XML element, or {@code null} when the store could not read the entry (see
 *        {@code problem}); for a key it may contain an unencrypted master key, so it is never logged and
 *        {@link #toString()} omits it
 * @param problem {@code null} for a readable entry; otherwise why the store could not read it (e.g. "not valid
 *        UTF-8"), never its content. A key ring read treats such an entry as malformed XML: it might be a
 *        revocation, so the read must not replace the key ring
 */
public record StoredElement(String name, String xml, String problem) {

    public StoredElement {
        if ((xml == null) == (problem == null)) {
            throw new IllegalArgumentException("A stored element has either its XML or a problem, not both or neither");
        }
    }

    /** A readable element. */
    public StoredElement(String name, String xml) {
        this(name, xml, null);
    }

    /** An entry the store found but could not read, named by {@code name}, for {@code reason} (no content). */
    public static StoredElement unreadable(String name, String reason) {
        return new StoredElement(name, null, reason);
    }

    /** Whether the store could read this entry. */
    public boolean isReadable() {
        return problem == null;
    }

    @Override
    public String toString() {
        return "StoredElement[name=" + name + ", " + (xml == null ? "unreadable: " + problem : xml.length() + " chars")
                + "]";
    }
}
