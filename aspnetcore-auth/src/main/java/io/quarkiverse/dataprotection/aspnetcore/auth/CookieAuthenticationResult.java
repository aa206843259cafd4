package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.util.Optional;

/**
 * What reading an authentication cookie gave, as ASP.NET's cookie handler decides it.
 * <p>
 * Immutable and thread-safe.
 *
 * @param outcome success or why not
 * @param ticket the ticket as read (from the store in the session-store variant) on success, else null
 * @param sessionKey the session store key when the cookie carried one and the store had its ticket, else null
 * @param renewal on success when sliding expiration is due: the ticket as read with only {@code .issued} and
 *        {@code .expires} changed, to write back; else null
 */
public record CookieAuthenticationResult(Outcome outcome, AuthenticationTicket ticket, String sessionKey,
        AuthenticationTicket renewal) {

    /** The outcomes, named after ASP.NET's failure messages. */
    public enum Outcome {
        /** A valid, unexpired ticket (which may still be anonymous: see {@link AuthenticationTicket#isAuthenticated()}). */
        SUCCESS,
        /** "Unprotect ticket failed": not a ticket protected for this scheme and key ring. */
        UNPROTECT_FAILED,
        /** "Ticket expired": {@code .expires} is before now. */
        EXPIRED,
        /** "SessionId missing": a session store is configured and the ticket carries no session claim. */
        SESSION_ID_MISSING,
        /** "Identity missing in session store". */
        SESSION_MISSING
    }

    static CookieAuthenticationResult failure(Outcome outcome) {
        return new CookieAuthenticationResult(outcome, null, null, null);
    }

    /** Whether the ticket was accepted. */
    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** The renewed ticket, when sliding expiration is due. */
    public Optional<AuthenticationTicket> renewalTicket() {
        return Optional.ofNullable(renewal);
    }
}
