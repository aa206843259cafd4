package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationProperties;
import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimTypes;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimsIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * Maps tickets to Quarkus identities and back (spec §9): the principal is the primary identity's name (then the
 * configured fallback claim types), the roles are those for which ASP.NET's {@code IsInRole} is true (plus the role
 * mapping), and every claim, item and date is an attribute ({@link CookieAttributes}).
 * <p>
 * Thread-safe (stateless apart from the configuration).
 */
final class TicketIdentities {

    private final CookieAuthConfig config;

    TicketIdentities(CookieAuthConfig config) {
        this.config = config;
    }

    /** The identity of an authenticated ticket. */
    SecurityIdentity identity(AuthenticationTicket ticket, Map<String, Object> extraAttributes) {
        ClaimsIdentity primary = ticket.primaryIdentity().orElseThrow();
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principalName(primary))).addRoles(roles(ticket));
        // Claim types first, so that the fixed attribute names below always win.
        Set<String> types = new java.util.HashSet<>();
        for (Claim claim : primary.claims()) {
            if (types.add(claim.type())) {
                builder.addAttribute(claim.type(), claim.value());
            }
        }
        List<Claim> claims = new ArrayList<>();
        ticket.identities().forEach(identity -> claims.addAll(identity.claims()));
        AuthenticationProperties properties = ticket.properties();
        builder.addAttribute(CookieAttributes.TICKET, ticket).addAttribute(CookieAttributes.SCHEME, config.scheme())
                .addAttribute(CookieAttributes.CLAIMS, List.copyOf(claims))
                .addAttribute(CookieAttributes.PROPERTIES, properties.items())
                .addAttribute(CookieAttributes.PERSISTENT, properties.isPersistent());
        properties.issuedUtc().ifPresent(issued -> builder.addAttribute(CookieAttributes.ISSUED, issued));
        properties.expiresUtc().ifPresent(expires -> builder.addAttribute(CookieAttributes.EXPIRES, expires));
        extraAttributes.forEach(builder::addAttribute);
        return builder.build();
    }

    private String principalName(ClaimsIdentity primary) {
        return primary.name().or(() -> config.nameClaimFallbacks().stream().map(primary::firstValue)
                .flatMap(java.util.Optional::stream).findFirst()).orElse("");
    }

    private Set<String> roles(AuthenticationTicket ticket) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : ticket.roles()) {
            roles.add(role);
            roles.addAll(config.roleMapping().getOrDefault(role, List.of()));
        }
        return roles;
    }

    /**
     * The ticket a sign-in writes for {@code identity}, as an ASP.NET sign-in would: one identity whose authentication
     * type is the scheme, a {@code Name} claim with the principal name, one {@code Role} claim per role, then the
     * claims of the {@link SignInClaims} hooks; {@code .persistent} (when persistent), {@code .issued} and
     * {@code .expires}.
     */
    AuthenticationTicket ticket(SecurityIdentity identity, List<Claim> extraClaims, boolean persistent, Instant now) {
        List<Claim> claims = new ArrayList<>();
        Principal principal = identity.getPrincipal();
        claims.add(Claim.of(ClaimTypes.NAME, principal.getName()));
        identity.getRoles().stream().sorted().forEach(role -> claims.add(Claim.of(ClaimTypes.ROLE, role)));
        claims.addAll(extraClaims);
        return new AuthenticationTicket(config.scheme(), List.of(ClaimsIdentity.of(config.scheme(), claims)),
                AuthenticationProperties.forSignIn(now, config.expireTimeSpan(), persistent));
    }
}
