package io.quarkiverse.dataprotection.aspnetcore.auth.deployment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.quarkiverse.dataprotection.aspnetcore.auth.runtime.CookieSignIn;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** A protected resource and a sign-in/sign-out pair for the deployment tests. */
@Path("/")
public class SecretResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    CookieSignIn signIn;

    @GET
    @Path("/secret")
    @RolesAllowed("reader")
    public String secret() {
        return "secret for " + identity.getPrincipal().getName();
    }

    @POST
    @Path("/sign-in")
    public void signIn() {
        signIn.signIn(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("erin")).addRole("reader").build());
    }

    @POST
    @Path("/sign-out")
    public void signOut() {
        signIn.signOut();
    }
}
