package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.keys.NetGuid;

/**
 * Parses stored key ring elements with ASP.NET Core's {@code XmlKeyManager} rules. Messages name the element or
 * attribute that is wrong and never quote the XML. See {@link KeyXml}.
 */
final class KeyXmlReader {

    private KeyXmlReader() {
    }

    static KeyRingElement parse(String xml) {
        Element root = SecureXml.parse(xml);
        KeyXmlException.Kind kind = rootKind(root.getNamespaceURI(), root.getLocalName());
        return read(kind, "<" + root.getLocalName() + ">",
                () -> kind == KeyXmlException.Kind.INVALID_KEY ? key(root) : revocation(root));
    }

    /**
     * The kind of a root element named so: {@link KeyXmlException.Kind#INVALID_KEY} for {@code <key>},
     * {@link KeyXmlException.Kind#INVALID_REVOCATION} for {@code <revocation>}.
     *
     * @param namespace the root's namespace, {@code null} or empty when unqualified
     * @throws KeyXmlException of kind UNKNOWN_ELEMENT for any other root
     */
    static KeyXmlException.Kind rootKind(String namespace, String localName) {
        if (namespace != null && !namespace.isEmpty()) {
            throw new KeyXmlException(KeyXmlException.Kind.UNKNOWN_ELEMENT,
                    "Key ring element is in a namespace; expected an unqualified <key> or <revocation>");
        }
        String name = String.valueOf(localName);
        return switch (name) {
            case "key" -> KeyXmlException.Kind.INVALID_KEY;
            case "revocation" -> KeyXmlException.Kind.INVALID_REVOCATION;
            default -> throw new KeyXmlException(KeyXmlException.Kind.UNKNOWN_ELEMENT,
                    "Unknown key ring element <" + shorten(name) + ">; expected <key> or <revocation>");
        };
    }

    /** Runs {@code reader}, turning anything but a {@link KeyXmlException} into one of {@code kind}. */
    static KeyRingElement read(KeyXmlException.Kind kind, String name, Supplier<KeyRingElement> reader) {
        try {
            return reader.get();
        } catch (KeyXmlException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Nothing else is expected; whatever it is, it must not escape a key ring read, nor quote the XML.
            throw new KeyXmlException(kind, name + " cannot be read (" + e.getClass().getName() + ")");
        }
    }

    private static KeyElement key(Element key) {
        Element outer = SecureXml.child(key, "descriptor");
        Element[] inner = new Element[1];
        KeyHeader header = new KeyHeader(attribute(key, "version"), attribute(key, "id"),
                dateText(key, "creationDate"), dateText(key, "activationDate"), dateText(key, "expirationDate"),
                outer != null, outer == null ? null : attribute(outer, "deserializerType"),
                outer == null ? 0 : SecureXml.childElements(outer, inner));
        return header.toElement(inner[0]);
    }

    private static String dateText(Element key, String name) {
        Element element = SecureXml.child(key, name);
        return element == null ? null : SecureXml.text(element);
    }

    private static RevocationElement revocation(Element revocation) {
        checkVersion(revocation, "<revocation>", KeyXmlException.Kind.INVALID_REVOCATION);
        Element key = SecureXml.child(revocation, "key");
        String id = key == null ? null : attribute(key, "id");
        if (id == null) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_REVOCATION, "<revocation> has no <key id=\"...\"/> element");
        }
        Element reasonElement = SecureXml.child(revocation, "reason");
        String reason = reasonElement == null ? "" : SecureXml.text(reasonElement);
        if ("*".equals(id.strip())) {
            return new RevocationElement(
                    date(revocation, "revocationDate", "Revocation of all keys", KeyXmlException.Kind.INVALID_REVOCATION), null,
                    reason);
        }
        UUID keyId = NetGuid.parseOrNull(id);
        if (keyId == null) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_REVOCATION,
                    "<revocation> names a malformed key id; expected a GUID or \"*\"");
        }
        // ASP.NET never reads the date of a single-key revocation, so it stays valid without one.
        Element dateElement = SecureXml.child(revocation, "revocationDate");
        Instant date = dateElement == null ? null
                : date(revocation, "revocationDate", "Revocation of key " + keyId, KeyXmlException.Kind.INVALID_REVOCATION);
        return new RevocationElement(date, keyId, reason);
    }

    private static void checkVersion(Element element, String name, KeyXmlException.Kind kind) {
        KeyHeader.checkVersion(attribute(element, "version"), name, kind);
    }

    private static Instant date(Element parent, String name, String what, KeyXmlException.Kind kind) {
        Element element = SecureXml.child(parent, name);
        return KeyHeader.date(element == null ? null : SecureXml.text(element), name, what, kind);
    }

    /** An unqualified attribute's value, or {@code null}. */
    static String attribute(Element element, String name) {
        return element.hasAttributeNS(null, name) ? element.getAttributeNS(null, name) : null;
    }

    static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}
