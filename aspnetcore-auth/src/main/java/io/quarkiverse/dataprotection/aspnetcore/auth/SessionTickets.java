package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.util.List;
import java.util.Optional;

/**
 * The substitute ticket a cookie carries when a {@link TicketStore} holds the real one, as ASP.NET's cookie handler
 * writes it: one identity with one claim {@value #SESSION_ID_CLAIM} whose value is the store key, and no properties.
 * At sign-in the identity's authentication type is the handler's {@code ClaimsIssuer} (none by default, so the stub is
 * anonymous); at renewal it is the scheme name.
 * <p>
 * Thread-safe (stateless).
 */
public final class SessionTickets {

    /** The claim type of the session key (ASP.NET Core; Katana writes another one). */
    public static final String SESSION_ID_CLAIM = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    private SessionTickets() {
    }

    /**
     * The stub for {@code key}.
     *
     * @param authenticationType the identity's authentication type: the claims issuer at sign-in, the scheme at renewal
     * @param claimsIssuer the session claim's issuer, or null for {@link ClaimTypes#LOCAL_AUTHORITY}
     */
    public static AuthenticationTicket stub(String scheme, String authenticationType, String key, String claimsIssuer) {
        Claim claim = new Claim(SESSION_ID_CLAIM, key, ClaimTypes.STRING_VALUE_TYPE, claimsIssuer, null, null);
        return new AuthenticationTicket(scheme, List.of(ClaimsIdentity.of(authenticationType, List.of(claim))),
                AuthenticationProperties.empty());
    }

    /** The value of the first session claim of any identity (type compared ordinally, as ASP.NET does). */
    public static Optional<String> sessionKey(AuthenticationTicket ticket) {
        return ticket.identities().stream().flatMap(identity -> identity.claims().stream())
                .filter(claim -> claim.type().equals(SESSION_ID_CLAIM)).map(Claim::value).findFirst();
    }
}
