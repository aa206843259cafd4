package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieAuthenticationResult;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieAuthenticator;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieOptions;
import io.quarkiverse.dataprotection.aspnetcore.auth.TicketProtector;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies an ASP.NET Core cookie and turns its ticket into a {@link SecurityIdentity}. Unprotecting may wait for the
 * key store (a payload under an unknown key triggers a bounded read), so it runs on a worker thread. When sliding
 * expiration is due, the renewed cookie is prepared here and written by the mechanism just before the response
 * headers go out.
 * <p>
 * Every failure is the same {@link AuthenticationFailedException} to the outside (ASP.NET's one "Unprotect ticket
 * failed"); the reason is logged at debug level, never the cookie.
 */
@ApplicationScoped
public class AspNetCoreCookieIdentityProvider implements IdentityProvider<AspNetCoreCookieAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(AspNetCoreCookieIdentityProvider.class);

    /** The renewal headers of this request, for the mechanism to write. */
    static final String RENEWAL = AspNetCoreCookieIdentityProvider.class.getName() + ".renewal";

    private final CookieAuthService service;
    private final TicketIdentities identities;

    AspNetCoreCookieIdentityProvider(CookieAuthService service) {
        this.service = service;
        this.identities = new TicketIdentities(service.config());
    }

    @Override
    public Class<AspNetCoreCookieAuthenticationRequest> getRequestType() {
        return AspNetCoreCookieAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(AspNetCoreCookieAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> authenticate(request.cookieValue(), routing));
    }

    private SecurityIdentity authenticate(String cookieValue, RoutingContext routing) {
        Instant now = service.clock().instant();
        CookieAuthenticator authenticator = service.authenticator();
        CookieAuthenticationResult result = authenticator.authenticate(cookieValue, now);
        if (!result.succeeded()) {
            LOG.debugf("Cookie %s not accepted: %s", service.cookieName(), result.outcome());
            throw new AuthenticationFailedException();
        }
        AuthenticationTicket ticket = result.ticket();
        if (routing != null && result.sessionKey() != null) {
            routing.put(CookieAuthService.SESSION_KEY, result.sessionKey());
        }
        if (!ticket.isAuthenticated()) {
            LOG.debugf("Cookie %s holds an anonymous ticket (empty authentication type)", service.cookieName());
            throw new AuthenticationFailedException();
        }
        if (routing != null && result.renewal() != null) {
            routing.put(RENEWAL, renewalHeaders(routing, result));
        }
        Map<String, Object> attributes = new HashMap<>();
        TicketProtector.keyId(cookieValue).ifPresent(id -> attributes.put(CookieAttributes.KEY_ID, id));
        if (result.sessionKey() != null) {
            attributes.put(CookieAttributes.SESSION_KEY, result.sessionKey());
        }
        return identities.identity(ticket, attributes);
    }

    private List<String> renewalHeaders(RoutingContext routing, CookieAuthenticationResult result) {
        AuthenticationTicket renewed = result.renewal();
        String value = service.authenticator().renewalCookieValue(renewed, result.sessionKey());
        CookieOptions options = service.cookieOptions(routing);
        if (renewed.properties().isPersistent()) {
            options = options.withExpires(renewed.properties().expiresUtc().orElse(null));
        }
        return service.chunking().appendResponseCookie(CookieAuthService.requestCookies(routing), service.cookieName(),
                value, options);
    }
}
