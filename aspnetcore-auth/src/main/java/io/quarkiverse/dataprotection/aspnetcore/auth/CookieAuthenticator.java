package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieAuthenticationResult.Outcome;

/**
 * The decisions of ASP.NET Core's {@code CookieAuthenticationHandler} on a cookie value, without HTTP: unprotect,
 * session-store lookup, expiry, sliding renewal; and the cookie values it writes at sign-in and renewal.
 * <ul>
 * <li>Expired when {@code .expires} is present and before now (at the exact instant it is still valid); without an
 * {@code .expires} (or with an unparsable one) a ticket never expires here.</li>
 * <li>Sliding renewal, when on: only with both {@code .issued} and {@code .expires}, and {@code .refresh} absent or
 * true; due when the time remaining is less than the time elapsed. The renewed ticket is the ticket as read with
 * {@code .issued = now} and {@code .expires = now + (expires - issued)}, in place; nothing else changes.</li>
 * <li>With a {@link TicketStore}, the cookie carries a session key ({@link SessionTickets}); expiry is judged on the
 * stored ticket, and an expired one is removed from the store.</li>
 * </ul>
 * Thread-safe when the store is.
 */
public final class CookieAuthenticator {

    private final TicketProtector protector;
    private final String scheme;
    private final boolean slidingExpiration;
    private final TicketStore store;
    private final String claimsIssuer;

    /**
     * @param scheme the scheme name (stored in tickets written here, and the stub's authentication type at renewal)
     * @param store the session store, or null to keep whole tickets in cookies (ASP.NET's default)
     * @param claimsIssuer ASP.NET's {@code ClaimsIssuer} for session stubs, or null (its default)
     */
    public CookieAuthenticator(TicketProtector protector, String scheme, boolean slidingExpiration, TicketStore store,
            String claimsIssuer) {
        this.protector = Objects.requireNonNull(protector, "protector");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.slidingExpiration = slidingExpiration;
        this.store = store;
        this.claimsIssuer = claimsIssuer;
    }

    /** Reads a cookie value (reassembled from its chunks) at {@code now}. */
    public CookieAuthenticationResult authenticate(String cookieValue, Instant now) {
        AuthenticationTicket ticket;
        try {
            ticket = protector.unprotect(cookieValue);
        } catch (DataProtectionException e) {
            return CookieAuthenticationResult.failure(Outcome.UNPROTECT_FAILED);
        }
        String sessionKey = null;
        if (store != null) {
            Optional<String> key = SessionTickets.sessionKey(ticket);
            if (key.isEmpty()) {
                return CookieAuthenticationResult.failure(Outcome.SESSION_ID_MISSING);
            }
            ticket = store.retrieve(key.get());
            if (ticket == null) {
                return CookieAuthenticationResult.failure(Outcome.SESSION_MISSING);
            }
            sessionKey = key.get();
        }
        Optional<Instant> expires = ticket.properties().expiresUtc();
        if (expires.isPresent() && expires.get().isBefore(now)) {
            if (sessionKey != null) {
                store.remove(sessionKey);
            }
            return CookieAuthenticationResult.failure(Outcome.EXPIRED);
        }
        return new CookieAuthenticationResult(Outcome.SUCCESS, ticket, sessionKey, slidingRenewal(ticket, now));
    }

    /** The renewed ticket when sliding expiration is due at {@code now}, else null. */
    AuthenticationTicket slidingRenewal(AuthenticationTicket ticket, Instant now) {
        AuthenticationProperties properties = ticket.properties();
        Optional<Instant> issued = properties.issuedUtc();
        Optional<Instant> expires = properties.expiresUtc();
        if (!slidingExpiration || issued.isEmpty() || expires.isEmpty() || !properties.allowRefresh().orElse(true)) {
            return null;
        }
        Duration elapsed = Duration.between(issued.get(), now);
        Duration remaining = Duration.between(now, expires.get());
        return remaining.compareTo(elapsed) < 0 ? renew(ticket, now) : null;
    }

    /**
     * {@code ticket} as read with {@code .issued = now} and {@code .expires = now + its window}, every other identity,
     * claim and item unchanged, or null when the ticket lacks either date (ASP.NET then does not renew).
     */
    public static AuthenticationTicket renew(AuthenticationTicket ticket, Instant now) {
        Optional<Instant> issued = ticket.properties().issuedUtc();
        Optional<Instant> expires = ticket.properties().expiresUtc();
        if (issued.isEmpty() || expires.isEmpty()) {
            return null;
        }
        Duration window = Duration.between(issued.get(), expires.get());
        return ticket.withProperties(ticket.properties().withIssuedAndExpires(now, now.plus(window)));
    }

    /**
     * The cookie value of a renewal: the renewed ticket itself, or with a store, its stub after the store renewed the
     * session (authentication type = the scheme, as ASP.NET writes it).
     */
    public String renewalCookieValue(AuthenticationTicket renewed, String sessionKey) {
        if (store != null && sessionKey != null) {
            store.renew(sessionKey, renewed);
            return protector.protect(SessionTickets.stub(scheme, scheme, sessionKey, claimsIssuer));
        }
        return protector.protect(renewed);
    }

    /**
     * The cookie value of a sign-in: the ticket, or with a store, the stub of the session it was stored (or renewed,
     * when the request already had {@code sessionKey}) under.
     */
    public String signInCookieValue(AuthenticationTicket ticket, String sessionKey) {
        if (store == null) {
            return protector.protect(ticket);
        }
        String key = sessionKey;
        if (key != null) {
            store.renew(key, ticket);
        } else {
            key = store.store(ticket);
        }
        return protector.protect(SessionTickets.stub(scheme, claimsIssuer, key, claimsIssuer));
    }

    /** At sign-out: removes the request's session from the store, if any. */
    public void signOut(String sessionKey) {
        if (store != null && sessionKey != null) {
            store.remove(sessionKey);
        }
    }

    /** The scheme name. */
    public String scheme() {
        return scheme;
    }

    /** Whether a session store holds the tickets. */
    public boolean usesSessionStore() {
        return store != null;
    }
}
