package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One identity of a ticket's principal, as .NET's {@code ClaimsIdentity}: how it was authenticated, which claim types
 * carry its name and roles, its claims in order, an optional bootstrap context and an optional actor (the identity
 * acting on its behalf, recursively).
 * <p>
 * The constructor normalises as .NET's does: a null authentication type becomes {@code ""} (an identity with an empty
 * authentication type is anonymous for ASP.NET), null or empty name/role claim types the defaults
 * ({@link ClaimTypes#NAME}, {@link ClaimTypes#ROLE}), an empty bootstrap context none (ASP.NET does not write one).
 * <p>
 * Immutable and thread-safe.
 *
 * @param authenticationType how the identity was authenticated, e.g. the scheme name; empty for anonymous
 * @param nameClaimType the claim type whose first claim is the identity's name
 * @param roleClaimType the claim type of the identity's roles
 * @param claims the claims, in order
 * @param bootstrapContext the bootstrap context (e.g. a saved token), or null
 * @param actor the actor identity, or null
 */
public record ClaimsIdentity(String authenticationType, String nameClaimType, String roleClaimType, List<Claim> claims,
        String bootstrapContext, ClaimsIdentity actor) {

    public ClaimsIdentity {
        authenticationType = authenticationType == null ? "" : authenticationType;
        nameClaimType = Claim.orDefault(nameClaimType, ClaimTypes.NAME);
        roleClaimType = Claim.orDefault(roleClaimType, ClaimTypes.ROLE);
        claims = List.copyOf(Objects.requireNonNull(claims, "claims"));
        bootstrapContext = bootstrapContext == null || bootstrapContext.isEmpty() ? null : bootstrapContext;
    }

    /** An identity with the default name and role claim types, no bootstrap context and no actor. */
    public static ClaimsIdentity of(String authenticationType, List<Claim> claims) {
        return new ClaimsIdentity(authenticationType, null, null, claims, null, null);
    }

    /** ASP.NET's {@code IsAuthenticated}: the authentication type is not empty. */
    public boolean isAuthenticated() {
        return !authenticationType.isEmpty();
    }

    /** ASP.NET's {@code Name}: the value of the first claim whose type equals the name claim type, ignoring case. */
    public Optional<String> name() {
        return firstValue(nameClaimType);
    }

    /** The value of the first claim of {@code type}, ignoring case as .NET's {@code FindFirst}. */
    public Optional<String> firstValue(String type) {
        return claims.stream().filter(c -> c.type().equalsIgnoreCase(type)).map(Claim::value).findFirst();
    }

    /** The values of the claims whose type is the role claim type (ignoring case), in order: ASP.NET's roles. */
    public List<String> roles() {
        return claims.stream().filter(c -> c.type().equalsIgnoreCase(roleClaimType)).map(Claim::value).toList();
    }

    /** This identity with {@code claims} instead of its own. */
    public ClaimsIdentity withClaims(List<Claim> claims) {
        return new ClaimsIdentity(authenticationType, nameClaimType, roleClaimType, claims, bootstrapContext, actor);
    }

    /** Types, no values: claims and bootstrap contexts may be secrets. */
    @Override
    public String toString() {
        return "ClaimsIdentity[authenticationType=" + authenticationType + ", claims=" + claims + ", bootstrapContext="
                + (bootstrapContext != null) + ", actor=" + actor + "]";
    }
}
