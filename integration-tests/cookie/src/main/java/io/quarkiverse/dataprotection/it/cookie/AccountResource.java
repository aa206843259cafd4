package io.quarkiverse.dataprotection.it.cookie;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.ClaimsIdentity;
import io.quarkiverse.dataprotection.aspnetcore.auth.runtime.CookieSignIn;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The login endpoint: checks the password and issues the cookie the ASP.NET Core application accepts; and sign-out. */
@Path("/account")
public class AccountResource {

    @Inject
    CookieSignIn signIn;

    /**
     * Signs the user in. {@code note}, when given, becomes a claim of that text (the example's way to make a cookie
     * large enough to be chunked).
     */
    @POST
    @Path("/login")
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("persistent") boolean persistent, @FormParam("note") String note) {
        var user = DemoUsers.find(username).filter(u -> u.password().equals(password));
        if (user.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        var identity = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username))
                .addRoles(user.get().roles()).build();
        AuthenticationTicket ticket = signIn.ticketFor(identity, persistent);
        if (note != null) {
            ClaimsIdentity primary = ticket.identities().get(0);
            List<Claim> claims = new ArrayList<>(primary.claims());
            claims.add(Claim.of("note", note));
            ticket = new AuthenticationTicket(ticket.authenticationScheme(), List.of(primary.withClaims(claims)),
                    ticket.properties());
        }
        signIn.signIn(ticket);
        return Response.noContent().build();
    }

    @POST
    @Path("/logout")
    public Response logout() {
        signIn.signOut();
        return Response.noContent().build();
    }
}
