package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.UUID;

import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;
import io.quarkiverse.dataprotection.keys.NetGuid;

/**
 * What ASP.NET's {@code XmlKeyManager} reads of a {@code <key>} before its descriptor, as found in the XML and not
 * yet checked. Both readers fill it, the DOM one ({@link KeyXmlReader}) and the streaming one ({@link KeyHeaderScan}),
 * and {@link #toElement} checks it, so the two cannot disagree on a rule or a message.
 *
 * @param version the unqualified {@code version} attribute of {@code <key>}, or {@code null}
 * @param id the unqualified {@code id} attribute, or {@code null}
 * @param creationDate the text of the first unqualified {@code <creationDate>} child, or {@code null} without one
 * @param activationDate the same for {@code <activationDate>}
 * @param expirationDate the same for {@code <expirationDate>}
 * @param hasDescriptor whether {@code <key>} has an unqualified {@code <descriptor>} child
 * @param deserializerType the first such child's unqualified {@code deserializerType} attribute, or {@code null}
 * @param descriptorChildren how many child elements the first such child has
 */
record KeyHeader(String version, String id, String creationDate, String activationDate, String expirationDate,
        boolean hasDescriptor, String deserializerType, int descriptorChildren) {

    /**
     * The key element, checked with ASP.NET's rules in ASP.NET's order.
     *
     * @param innerDescriptor the inner {@code <descriptor>} element, or {@code null} when it is not built
     * @throws KeyXmlException of kind {@link Kind#INVALID_KEY} naming the first rule broken
     */
    KeyElement toElement(Element innerDescriptor) {
        checkVersion(version, "<key>", Kind.INVALID_KEY);
        UUID keyId = NetGuid.parseOrNull(id);
        if (keyId == null) {
            throw new KeyXmlException(Kind.INVALID_KEY, "<key> has a missing or malformed id attribute; expected a GUID");
        }
        String what = "Key " + keyId;
        Instant created = date(creationDate, "creationDate", what, Kind.INVALID_KEY);
        Instant activated = date(activationDate, "activationDate", what, Kind.INVALID_KEY);
        Instant expires = date(expirationDate, "expirationDate", what, Kind.INVALID_KEY);
        if (!hasDescriptor) {
            throw new KeyXmlException(Kind.INVALID_KEY, what + " has no <descriptor> element");
        }
        if (deserializerType == null || deserializerType.isBlank()) {
            throw new KeyXmlException(Kind.INVALID_KEY, what + ": <descriptor> has no deserializerType attribute");
        }
        if (descriptorChildren != 1) {
            throw new KeyXmlException(Kind.INVALID_KEY, what + ": the outer <descriptor> must contain exactly one element");
        }
        return new KeyElement(keyId, created, activated, expires, deserializerType, innerDescriptor);
    }

    static void checkVersion(String version, String name, Kind kind) {
        // ASP.NET writes version="1" and never reads it; a missing attribute is accepted, another version is not.
        if (version != null && !version.strip().equals("1")) {
            throw new KeyXmlException(kind, name + " has an unsupported version; only version 1 is known");
        }
    }

    /** The date in {@code text}, the content of the child element {@code name} ({@code null}: no such child). */
    static Instant date(String text, String name, String what, Kind kind) {
        if (text == null) {
            throw new KeyXmlException(kind, what + " has no <" + name + "> element");
        }
        Instant date = XmlDates.parseOrNull(text);
        if (date == null) {
            throw new KeyXmlException(kind, what + ": <" + name
                    + "> is not an ISO-8601 date-time with an offset (yyyy-MM-ddTHH:mm:ss[.fffffff](Z|+hh:mm))");
        }
        return date;
    }
}
