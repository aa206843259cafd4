package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

/**
 * The {@code SecurityIdentity} attributes of a principal authenticated by an ASP.NET Core cookie. Besides these, every
 * claim type of the primary identity is an attribute whose value is its first claim's value (a {@code String}).
 */
public final class CookieAttributes {

    /** The {@code AuthenticationTicket} as read (every identity, claim, actor and item). */
    public static final String TICKET = "aspnetcore.ticket";
    /** The scheme name (a {@code String}). */
    public static final String SCHEME = "aspnetcore.scheme";
    /** Every claim of every identity, in order ({@code List<Claim>}). */
    public static final String CLAIMS = "aspnetcore.claims";
    /** The ticket's properties items, in order ({@code Map<String, String>}). */
    public static final String PROPERTIES = "aspnetcore.properties";
    /** {@code IssuedUtc} ({@code Instant}), when present. */
    public static final String ISSUED = "aspnetcore.issued";
    /** {@code ExpiresUtc} ({@code Instant}), when present. */
    public static final String EXPIRES = "aspnetcore.expires";
    /** {@code IsPersistent} ({@code Boolean}). */
    public static final String PERSISTENT = "aspnetcore.persistent";
    /** The id of the data protection key the cookie was protected with ({@code UUID}). */
    public static final String KEY_ID = "aspnetcore.key-id";
    /** The session store key, when a {@code TicketStore} holds the ticket ({@code String}). */
    public static final String SESSION_KEY = "aspnetcore.session-key";

    private CookieAttributes() {
    }
}
