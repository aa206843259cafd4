package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.quarkiverse.dataprotection.aspnetcore.auth.AuthenticationTicket;
import io.quarkiverse.dataprotection.aspnetcore.auth.Claim;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieOptions;
import io.quarkiverse.dataprotection.aspnetcore.auth.RequestCookies;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Signs users in and out of the cookie scheme from request handlers: ASP.NET's {@code HttpContext.SignInAsync} and
 * {@code SignOutAsync}. A cookie written here is accepted by an ASP.NET Core application sharing the key ring,
 * application name, scheme and cookie name.
 * <p>
 * Both write {@code Set-Cookie} headers on the current request's response (chunked as ASP.NET chunks them) and the
 * no-cache headers ASP.NET sends; a renewal due in the same request is then dropped. Call them before the response
 * is committed.
 * <p>
 * Thread-safe; use on the request's thread.
 */
@ApplicationScoped
public class CookieSignIn {

    private final CookieAuthService service;
    private final CurrentVertxRequest request;
    private final Instance<SignInClaims> claimHooks;
    private final TicketIdentities identities;

    CookieSignIn(CookieAuthService service, CurrentVertxRequest request, @Any Instance<SignInClaims> claimHooks) {
        this.service = service;
        this.request = request;
        this.claimHooks = claimHooks;
        this.identities = new TicketIdentities(service.config());
    }

    /** Signs {@code identity} in, persistent or not as {@code cookie-auth.persistent} says. */
    public AuthenticationTicket signIn(SecurityIdentity identity) {
        return signIn(identity, service.config().persistent());
    }

    /**
     * Signs {@code identity} in: see {@link #ticketFor(SecurityIdentity, boolean)} for the ticket.
     *
     * @return the ticket written
     */
    public AuthenticationTicket signIn(SecurityIdentity identity, boolean persistent) {
        AuthenticationTicket ticket = ticketFor(identity, persistent);
        signIn(ticket);
        return ticket;
    }

    /**
     * The ticket a sign-in writes for {@code identity}: one identity of the scheme with the principal's name, its
     * roles and the claims of every {@link SignInClaims} bean; issued now, expiring after {@code expire-time-span}.
     */
    public AuthenticationTicket ticketFor(SecurityIdentity identity, boolean persistent) {
        Objects.requireNonNull(identity, "identity");
        if (identity.isAnonymous()) {
            throw new IllegalArgumentException("An anonymous identity cannot be signed in");
        }
        List<Claim> extra = new ArrayList<>();
        claimHooks.forEach(hook -> extra.addAll(hook.claims(identity)));
        return identities.ticket(identity, extra, persistent, service.clock().instant());
    }

    /** Writes {@code ticket} as the cookie, as is (persistent when its {@code .persistent} item is present). */
    public void signIn(AuthenticationTicket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        RoutingContext context = current();
        String value = service.authenticator().signInCookieValue(ticket, context.get(CookieAuthService.SESSION_KEY));
        CookieOptions options = service.cookieOptions(context);
        if (ticket.properties().isPersistent()) {
            options = options.withExpires(ticket.properties().expiresUtc()
                    .orElseGet(() -> service.clock().instant().plus(service.config().expireTimeSpan())));
        }
        context.put(CookieAuthService.SIGNED_IN_OR_OUT, Boolean.TRUE);
        CookieAuthService.writeCookieHeaders(context, service.chunking()
                .appendResponseCookie(CookieAuthService.requestCookies(context), service.cookieName(), value, options));
    }

    /** Deletes the cookie and every chunk the request carried, and the request's session in the store, if any. */
    public void signOut() {
        RoutingContext context = current();
        service.authenticator().signOut(context.get(CookieAuthService.SESSION_KEY));
        context.put(CookieAuthService.SIGNED_IN_OR_OUT, Boolean.TRUE);
        RequestCookies cookies = CookieAuthService.requestCookies(context);
        var headers = context.response().headers();
        List<String> kept = headers.getAll("Set-Cookie").stream()
                .filter(line -> !io.quarkiverse.dataprotection.aspnetcore.auth.ChunkingCookieManager.setsCookie(line,
                        service.cookieName()))
                .toList();
        headers.remove("Set-Cookie");
        kept.forEach(line -> headers.add("Set-Cookie", line));
        CookieAuthService.writeCookieHeaders(context,
                service.chunking().deleteCookie(cookies, service.cookieName(), service.cookieOptions(context)));
    }

    private RoutingContext current() {
        RoutingContext context = request.getCurrent();
        if (context == null) {
            throw new IllegalStateException("Sign-in and sign-out need an HTTP request; call them from a request handler");
        }
        return context;
    }
}
