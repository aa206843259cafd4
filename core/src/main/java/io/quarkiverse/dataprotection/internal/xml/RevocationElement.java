package io.quarkiverse.dataprotection.internal.xml;

import java.time.Instant;
import java.util.UUID;

import io.quarkiverse.dataprotection.keys.Key;

/**
 * A parsed {@code <revocation>} element.
 *
 * @param revocationDate when the revocation was made; never {@code null} for a revocation of all keys, and
 *        {@code null} for a single-key revocation stored without a date (ASP.NET never reads that date)
 * @param keyId the revoked key, or {@code null} for {@code <key id="*"/>}: every key created strictly before
 *        {@code revocationDate}
 * @param reason the human-readable reason, possibly empty
 */
public record RevocationElement(Instant revocationDate, UUID keyId, String reason) implements KeyRingElement {

    public RevocationElement {
        if (keyId == null && revocationDate == null) {
            throw new IllegalArgumentException("A revocation of all keys needs a revocation date");
        }
    }

    /**
     * Whether this revocation revokes {@code key}. A revocation of all keys revokes those created strictly before
     * its date ({@code creationDate < revocationDate}), as ASP.NET's {@code XmlKeyManager} does, so that a key
     * created in the same clock tick as the revocation survives it.
     */
    public boolean revokes(Key key) {
        return keyId == null ? key.creationDate().isBefore(revocationDate) : keyId.equals(key.id());
    }
}
