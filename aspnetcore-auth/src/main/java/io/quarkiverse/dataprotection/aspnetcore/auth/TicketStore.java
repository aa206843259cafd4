package io.quarkiverse.dataprotection.aspnetcore.auth;

/**
 * Where the real tickets live when cookies carry only a session key: ASP.NET Core's {@code ITicketStore}
 * ({@code CookieAuthenticationOptions.SessionStore}). How a store keeps tickets is its own business (ASP.NET does not
 * prescribe it); to share sessions with an ASP.NET Core application, implement the same store and format it uses.
 * <p>
 * Implementations must be thread-safe.
 */
public interface TicketStore {

    /** Stores a new ticket and returns its key (the session id the cookie will carry). */
    String store(AuthenticationTicket ticket);

    /** Replaces the ticket under {@code key} (sign-in again, renewal). */
    void renew(String key, AuthenticationTicket ticket);

    /** The ticket under {@code key}, or null when there is none. */
    AuthenticationTicket retrieve(String key);

    /** Removes the ticket under {@code key} (sign-out, expiry); a missing key is no error. */
    void remove(String key);
}
