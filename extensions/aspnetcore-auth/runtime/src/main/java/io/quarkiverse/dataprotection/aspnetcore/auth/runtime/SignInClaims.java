package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.util.List;

import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A hook for the claims a sign-in from a {@link SecurityIdentity} adds after the name and role claims; implement it as
 * a bean. An ASP.NET Core Identity application needs the user id and the security stamp, or its
 * {@code SecurityStampValidator} signs the user out within its validation interval: see {@link AspNetCoreIdentityClaims}.
 * <p>
 * Called on the thread of the sign-in; implementations must be thread-safe.
 */
public interface SignInClaims {

    /** The claims to add for {@code identity}, in order. */
    List<Claim> claims(SecurityIdentity identity);
}
