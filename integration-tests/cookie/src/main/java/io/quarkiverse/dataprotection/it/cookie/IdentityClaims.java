package io.quarkiverse.dataprotection.it.cookie;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.runtime.AspNetCoreIdentityClaims;
import io.quarkiverse.dataprotection.aspnetcore.auth.runtime.SignInClaims;
import io.quarkus.security.identity.SecurityIdentity;

/** Adds the user id, e-mail and security stamp an ASP.NET Core Identity application checks. */
@ApplicationScoped
public class IdentityClaims implements SignInClaims {

    @Override
    public List<Claim> claims(SecurityIdentity identity) {
        return DemoUsers.find(identity.getPrincipal().getName())
                .map(user -> AspNetCoreIdentityClaims.of(user.id(), user.email(), user.securityStamp()))
                .orElse(List.of());
    }
}
