package io.quarkiverse.dataprotection.internal.keyring;

import java.util.UUID;

import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.RevocationElement;
import io.quarkiverse.dataprotection.spi.StoredElement;

/**
 * A key or revocation element of a read, as the store returned it.
 * <p>
 * Immutable.
 *
 * @param stored the element as stored (restored byte for byte when lost)
 * @param parsed what it parsed to
 */
public record RingElement(StoredElement stored, KeyRingElement parsed) {

    /** The key's id, or {@code null} for a revocation. */
    public UUID keyId() {
        return parsed instanceof KeyElement key ? key.id() : null;
    }

    /** The name to store it under again. */
    public String friendlyName() {
        return friendlyName(parsed);
    }

    @Override
    public String toString() {
        return "RingElement[" + friendlyName() + "]";
    }

    /** The friendly name ASP.NET gives an element: {@code key-{id}}, {@code revocation-{id}} or of its date. */
    static String friendlyName(KeyRingElement element) {
        if (element instanceof KeyElement key) {
            return "key-" + key.id();
        }
        RevocationElement revocation = (RevocationElement) element;
        return revocation.keyId() != null ? "revocation-" + revocation.keyId()
                : XmlKeyManager.revocationFileName(revocation.revocationDate());
    }
}
