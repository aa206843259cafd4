package io.quarkiverse.dataprotection;

import java.time.Instant;

/**
 * A time-limited payload that authenticated correctly but has expired. It carries the generic message like every
 * other unprotect failure; callers that want to tell "expired" from "invalid" (to say "your link has expired")
 * can catch this type and read {@link #expiration()}, which was authenticated and so reveals nothing an attacker
 * controls.
 */
public final class ExpiredPayloadException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    private final Instant expiration;

    public ExpiredPayloadException(Instant expiration) {
        super(GENERIC_UNPROTECT_MESSAGE);
        this.expiration = expiration;
    }

    /** When the payload expired. */
    public Instant expiration() {
        return expiration;
    }
}
