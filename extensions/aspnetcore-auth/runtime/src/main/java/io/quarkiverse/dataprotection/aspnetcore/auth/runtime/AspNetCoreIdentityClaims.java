package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimTypes;

/**
 * The claims ASP.NET Core Identity's {@code UserClaimsPrincipalFactory} puts in its cookie, in its order, with its
 * default claim types: {@code NameIdentifier} (user id), {@code Email} (when known) and the security stamp
 * {@value ClaimTypes#SECURITY_STAMP}. The name and role claims come from the sign-in itself. Use the scheme
 * {@value #SCHEME} (cookie {@code .AspNetCore.Identity.Application}) for an Identity application.
 * <p>
 * Thread-safe (stateless).
 */
public final class AspNetCoreIdentityClaims {

    /** ASP.NET Core Identity's application cookie scheme ({@code IdentityConstants.ApplicationScheme}). */
    public static final String SCHEME = "Identity.Application";

    private AspNetCoreIdentityClaims() {
    }

    /**
     * The Identity claims for a user.
     *
     * @param userId the user's id, as the Identity store has it
     * @param email the e-mail address, or null
     * @param securityStamp the user's current security stamp, as the Identity store has it
     */
    public static List<Claim> of(String userId, String email, String securityStamp) {
        List<Claim> claims = new ArrayList<>(3);
        claims.add(Claim.of(ClaimTypes.NAME_IDENTIFIER, userId));
        if (email != null && !email.isEmpty()) {
            claims.add(Claim.of(ClaimTypes.EMAIL, email));
        }
        claims.add(Claim.of(ClaimTypes.SECURITY_STAMP, securityStamp));
        return claims;
    }
}
