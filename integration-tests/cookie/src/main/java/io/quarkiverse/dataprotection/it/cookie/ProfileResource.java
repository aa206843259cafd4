package io.quarkiverse.dataprotection.it.cookie;

import java.util.Map;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimTypes;
import io.quarkiverse.dataprotection.aspnetcore.auth.runtime.CookieAttributes;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** The protected endpoints: whoever is signed in on the ASP.NET Core application is signed in here. */
@Path("/")
public class ProfileResource {

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/profile")
    @Authenticated
    public Map<String, Object> profile() {
        return Map.of("name", identity.getPrincipal().getName(), "roles", new TreeSet<>(identity.getRoles()),
                "email", String.valueOf((Object) identity.getAttribute(ClaimTypes.EMAIL)),
                "keyId", String.valueOf((Object) identity.getAttribute(CookieAttributes.KEY_ID)),
                "persistent", identity.getAttribute(CookieAttributes.PERSISTENT));
    }

    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin:" + identity.getPrincipal().getName();
    }

    @GET
    @Path("/public")
    @PermitAll
    public String open() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
