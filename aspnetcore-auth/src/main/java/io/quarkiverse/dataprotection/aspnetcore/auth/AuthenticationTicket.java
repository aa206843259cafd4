package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an ASP.NET Core authentication cookie holds: the scheme it was issued for, every identity of the principal in
 * order (the first is the primary one), and the properties (issue and expiry dates, persistence, any other items).
 * <p>
 * {@link TicketSerializer} writes and reads it in ASP.NET's format 5; {@link TicketProtector} protects it as a cookie.
 * <p>
 * Immutable and thread-safe. {@link #toString()} names the scheme, identity count and item keys only, never claims.
 *
 * @param authenticationScheme the scheme name stored in the ticket (ASP.NET does not check it on read)
 * @param identities the principal's identities, in order
 * @param properties the properties
 */
public record AuthenticationTicket(String authenticationScheme, List<ClaimsIdentity> identities,
        AuthenticationProperties properties) {

    public AuthenticationTicket {
        Objects.requireNonNull(authenticationScheme, "authenticationScheme");
        identities = List.copyOf(Objects.requireNonNull(identities, "identities"));
        properties = properties == null ? AuthenticationProperties.empty() : properties;
    }

    /** ASP.NET's {@code Principal.Identity}: the first identity. */
    public Optional<ClaimsIdentity> primaryIdentity() {
        return identities.isEmpty() ? Optional.empty() : Optional.of(identities.get(0));
    }

    /** ASP.NET's {@code User.Identity.IsAuthenticated}: the primary identity has an authentication type. */
    public boolean isAuthenticated() {
        return primaryIdentity().map(ClaimsIdentity::isAuthenticated).orElse(false);
    }

    /**
     * The roles for which ASP.NET's {@code IsInRole} is true: over every identity (not actors), the values of its claims
     * of its own role claim type; case-sensitive values, in order of appearance.
     */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        identities.forEach(identity -> roles.addAll(identity.roles()));
        return roles;
    }

    /** This ticket with other properties. */
    public AuthenticationTicket withProperties(AuthenticationProperties properties) {
        return new AuthenticationTicket(authenticationScheme, identities, properties);
    }

    @Override
    public String toString() {
        return "AuthenticationTicket[scheme=" + authenticationScheme + ", identities=" + identities.size() + ", "
                + properties + "]";
    }
}
