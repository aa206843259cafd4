package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.UUID;

/**
 * A parsed {@code <revocation>} element.
 *
 * @param revocationDate when the revocation was made
 * @param keyId the revoked key, or {@code null} for {@code <key id="*"/>}: every key created before
 *        {@code revocationDate}
 * @param reason the human-readable reason, possibly empty
 */
public record RevocationElement(Instant revocationDate, UUID keyId, String reason) implements KeyRingElement {

    /** Whether this revocation revokes {@code key}. */
    public boolean revokes(Key key) {
        return keyId == null ? key.creationDate().isBefore(revocationDate) : keyId.equals(key.id());
    }
}
