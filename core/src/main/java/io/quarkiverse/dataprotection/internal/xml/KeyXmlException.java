package io.quarkiverse.dataprotection.internal.xml;

import java.util.Objects;

import io.quarkiverse.dataprotection.DataProtectionException;

/**
 * A stored element is not valid key ring XML. The message says what is wrong, never key material; the
 * {@linkplain #kind() kind} says how a reader must treat the element (ASP.NET Core's {@code XmlKeyManager} rules).
 */
public class KeyXmlException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    /** How bad an element is, which decides what a key ring read does with it. */
    public enum Kind {
        /**
         * Not well-formed XML (or refused: a DTD, over the parser's limits before the root element is known, empty).
         * It might be a revocation, so a read containing it must not replace the key ring.
         */
        MALFORMED,
        /** Well-formed, but the root is neither {@code <key>} nor {@code <revocation>}: skipped with a warning. */
        UNKNOWN_ELEMENT,
        /** A {@code <key>} whose id, dates or descriptor wrapper are invalid: skipped and reported, as in ASP.NET. */
        INVALID_KEY,
        /** A {@code <revocation>} that cannot be interpreted: a read containing it must not replace the key ring. */
        INVALID_REVOCATION,
        /** A key's descriptor cannot be read: the key stays in the ring as unusable and is never the default. */
        INVALID_DESCRIPTOR
    }

    private final Kind kind;

    public KeyXmlException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public KeyXmlException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** How a key ring read must treat the element. */
    public Kind kind() {
        return kind;
    }

    /** Whether a read containing this element must keep the previous key ring (spec: fail closed). */
    public boolean failsRead() {
        return kind == Kind.MALFORMED || kind == Kind.INVALID_REVOCATION;
    }
}
