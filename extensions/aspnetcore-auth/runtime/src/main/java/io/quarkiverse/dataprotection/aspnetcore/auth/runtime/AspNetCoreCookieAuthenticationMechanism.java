package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates requests by their ASP.NET Core authentication cookie (reassembled from its chunks), as ASP.NET's cookie
 * handler does, and challenges unauthenticated requests to protected resources with a login redirect or 401.
 * <p>
 * A cookie that does not verify, has expired or holds an anonymous ticket leaves the request anonymous (it is not
 * deleted, as in ASP.NET): public resources still answer, protected ones challenge. A renewal due by sliding
 * expiration is written just before the response headers, unless the request signed in or out.
 * <p>
 * Thread-safe.
 */
@ApplicationScoped
public class AspNetCoreCookieAuthenticationMechanism implements HttpAuthenticationMechanism {

    private final CookieAuthService service;

    AspNetCoreCookieAuthenticationMechanism(CookieAuthService service) {
        this.service = service;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!service.config().enabled()) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> cookie = service.requestCookie(context);
        if (cookie.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request = HttpSecurityUtils.setRoutingContextAttribute(
                new AspNetCoreCookieAuthenticationRequest(cookie.get()), context);
        return identityProviderManager.authenticate(request)
                .onFailure(AuthenticationFailedException.class).recoverWithNull()
                .invoke(identity -> scheduleRenewal(context));
    }

    private static void scheduleRenewal(RoutingContext context) {
        List<String> renewal = context.get(AspNetCoreCookieIdentityProvider.RENEWAL);
        if (renewal == null) {
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.get(CookieAuthService.SIGNED_IN_OR_OUT) == null) {
                CookieAuthService.writeCookieHeaders(context, renewal);
            }
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Optional<String> loginPath = service.config().loginPath();
        if (loginPath.isEmpty()) {
            return Uni.createFrom().item(new ChallengeData(401));
        }
        String original = context.request().uri();
        String location = context.request().scheme() + "://" + context.request().authority() + loginPath.get()
                + (loginPath.get().contains("?") ? "&" : "?") + service.config().returnUrlParameter() + "="
                + URLEncoder.encode(original, StandardCharsets.UTF_8).replace("+", "%20");
        boolean ajax = "XMLHttpRequest".equals(context.request().getHeader("X-Requested-With"))
                || "XMLHttpRequest".equals(context.request().getParam("X-Requested-With"));
        return Uni.createFrom().item(new ChallengeData(ajax ? 401 : 302, Map.<CharSequence, String> of("Location", location)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AspNetCoreCookieAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, service.cookieName(),
                service.config().scheme()));
    }
}
