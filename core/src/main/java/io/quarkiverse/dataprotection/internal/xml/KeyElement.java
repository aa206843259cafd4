package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.UUID;

import org.w3c.dom.Element;

/**
 * A parsed {@code <key>} element whose descriptor is not yet read (it may hold an encrypted master key).
 *
 * @param id the key id
 * @param creationDate when the key was created
 * @param activationDate when it may start protecting
 * @param expirationDate when it stops protecting (it still unprotects after)
 * @param deserializerType the .NET type named by the outer {@code descriptor} element's {@code deserializerType}
 * @param descriptor the inner {@code <descriptor>} element; not safe for concurrent use; {@code null} from
 *        {@link KeyXml#parseHeader}
 */
public record KeyElement(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
        String deserializerType, Element descriptor) implements KeyRingElement {
}
