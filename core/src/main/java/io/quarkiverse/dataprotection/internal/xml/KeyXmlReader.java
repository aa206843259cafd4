package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.UUID;

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
        if (root.getNamespaceURI() != null) {
            throw new KeyXmlException(KeyXmlException.Kind.UNKNOWN_ELEMENT,
                    "Key ring element is in a namespace; expected an unqualified <key> or <revocation>");
        }
        String name = String.valueOf(root.getLocalName());
        KeyXmlException.Kind kind = switch (name) {
            case "key" -> KeyXmlException.Kind.INVALID_KEY;
            case "revocation" -> KeyXmlException.Kind.INVALID_REVOCATION;
            default -> throw new KeyXmlException(KeyXmlException.Kind.UNKNOWN_ELEMENT,
                    "Unknown key ring element <" + shorten(name) + ">; expected <key> or <revocation>");
        };
        try {
            return kind == KeyXmlException.Kind.INVALID_KEY ? key(root) : revocation(root);
        } catch (KeyXmlException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Nothing else is expected; whatever it is, it must not escape a key ring read, nor quote the XML.
            throw new KeyXmlException(kind, "<" + name + "> cannot be read (" + e.getClass().getName() + ")");
        }
    }

    private static KeyElement key(Element key) {
        checkVersion(key, "<key>", KeyXmlException.Kind.INVALID_KEY);
        UUID id = NetGuid.parseOrNull(attribute(key, "id"));
        if (id == null) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_KEY,
                    "<key> has a missing or malformed id attribute; expected a GUID");
        }
        String what = "Key " + id;
        Instant created = date(key, "creationDate", what, KeyXmlException.Kind.INVALID_KEY);
        Instant activated = date(key, "activationDate", what, KeyXmlException.Kind.INVALID_KEY);
        Instant expires = date(key, "expirationDate", what, KeyXmlException.Kind.INVALID_KEY);
        Element outer = SecureXml.child(key, "descriptor");
        if (outer == null) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_KEY, what + " has no <descriptor> element");
        }
        String deserializerType = attribute(outer, "deserializerType");
        if (deserializerType == null || deserializerType.isBlank()) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_KEY,
                    what + ": <descriptor> has no deserializerType attribute");
        }
        Element[] inner = new Element[1];
        if (SecureXml.childElements(outer, inner) != 1) {
            throw new KeyXmlException(KeyXmlException.Kind.INVALID_KEY,
                    what + ": the outer <descriptor> must contain exactly one element");
        }
        return new KeyElement(id, created, activated, expires, deserializerType, inner[0]);
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
        String version = attribute(element, "version");
        // ASP.NET writes version="1" and never reads it; a missing attribute is accepted, another version is not.
        if (version != null && !version.strip().equals("1")) {
            throw new KeyXmlException(kind, name + " has an unsupported version; only version 1 is known");
        }
    }

    private static Instant date(Element parent, String name, String what, KeyXmlException.Kind kind) {
        Element element = SecureXml.child(parent, name);
        if (element == null) {
            throw new KeyXmlException(kind, what + " has no <" + name + "> element");
        }
        Instant date = XmlDates.parseOrNull(SecureXml.text(element));
        if (date == null) {
            throw new KeyXmlException(kind, what + ": <" + name
                    + "> is not an ISO-8601 date-time with an offset (yyyy-MM-ddTHH:mm:ss[.fffffff](Z|+hh:mm))");
        }
        return date;
    }

    /** An unqualified attribute's value, or {@code null}. */
    static String attribute(Element element, String name) {
        return element.hasAttributeNS(null, name) ? element.getAttributeNS(null, name) : null;
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}
