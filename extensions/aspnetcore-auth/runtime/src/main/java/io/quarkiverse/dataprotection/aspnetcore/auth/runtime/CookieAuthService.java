package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.aspnetcore.auth.ChunkingCookieManager;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieAuthenticator;
import io.quarkiverse.dataprotection.aspnetcore.auth.CookieOptions;
import io.quarkiverse.dataprotection.aspnetcore.auth.RequestCookies;
import io.quarkiverse.dataprotection.aspnetcore.auth.TicketProtector;
import io.quarkiverse.dataprotection.aspnetcore.auth.TicketStore;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.RoutingContext;

/**
 * The cookie scheme as configured: its protector, the handler's decisions, the cookie name, attributes and chunking.
 * Validates the configuration when the container creates it. Does no cryptography itself (the core protector does).
 * <p>
 * Thread-safe.
 */
@Singleton
public class CookieAuthService {

    private static final Logger LOG = Logger.getLogger(CookieAuthService.class);
    private static final int MIN_CHUNK_SIZE = 100;

    /** Where this request's authentication left its session key (when a ticket store is used). */
    static final String SESSION_KEY = CookieAuthService.class.getName() + ".session-key";
    /** Set when this request signed in or out: a pending renewal is then dropped, as in ASP.NET. */
    static final String SIGNED_IN_OR_OUT = CookieAuthService.class.getName() + ".signed-in-or-out";

    private final CookieAuthConfig config;
    private final String cookieName;
    private final CookieAuthenticator authenticator;
    private final ChunkingCookieManager chunking;
    private final Clock clock = Clock.systemUTC();

    CookieAuthService(CookieAuthConfig config, DataProtectionProvider provider, Instance<TicketStore> ticketStore) {
        this.config = config;
        this.cookieName = cookieName(config);
        validate(config);
        TicketStore store = ticketStore.isResolvable() ? ticketStore.get() : null;
        this.authenticator = new CookieAuthenticator(TicketProtector.forCookieScheme(provider, config.scheme()),
                config.scheme(), config.slidingExpiration(), store, config.claimsIssuer().orElse(null));
        this.chunking = new ChunkingCookieManager(config.chunkSize() == 0 ? null : config.chunkSize());
        LOG.debugf("Cookie authentication: scheme %s, cookie %s, application %s, session store %s", config.scheme(),
                cookieName, provider.applicationName(), store != null);
    }

    /** Creates the service at start, so that a configuration error fails the start rather than the first request. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("Cookie authentication ready for cookie %s", cookieName);
    }

    private static String cookieName(CookieAuthConfig config) {
        // ASP.NET: ".AspNetCore." + Uri.EscapeDataString(scheme); URLEncoder differs only for ' ' and '*', '~'.
        return config.cookieName().orElseGet(() -> ".AspNetCore." + URLEncoder.encode(config.scheme(), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
    }

    private void validate(CookieAuthConfig config) {
        require(!config.scheme().isBlank(), "quarkus.data-protection.cookie-auth.scheme must not be blank; ASP.NET's "
                + "default is Cookies (Identity.Application for ASP.NET Core Identity)");
        require(config.chunkSize() == 0 || config.chunkSize() >= MIN_CHUNK_SIZE,
                "quarkus.data-protection.cookie-auth.chunk-size=" + config.chunkSize() + " leaves no room for data: use 0 "
                        + "(never split) or at least " + MIN_CHUNK_SIZE + " (ASP.NET's default is 4050)");
        require(config.path().startsWith("/"), "quarkus.data-protection.cookie-auth.path=" + config.path()
                + " must start with /; use / to send the cookie to every application of the host");
        require(config.loginPath().map(p -> p.startsWith("/")).orElse(true), "quarkus.data-protection.cookie-auth."
                + "login-path=" + config.loginPath().orElse("") + " must be an absolute path such as /login");
        require(!config.expireTimeSpan().isNegative() && !config.expireTimeSpan().isZero(),
                "quarkus.data-protection.cookie-auth.expire-time-span=" + config.expireTimeSpan()
                        + " must be positive; ASP.NET's default is 14D");
        require(cookieName.chars().allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0),
                "The cookie name " + cookieName + " is not a valid cookie name; set quarkus.data-protection.cookie-auth."
                        + "cookie-name to one without separators or spaces");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The configuration. */
    public CookieAuthConfig config() {
        return config;
    }

    /** The cookie name. */
    public String cookieName() {
        return cookieName;
    }

    /** The handler's decisions for this scheme. */
    public CookieAuthenticator authenticator() {
        return authenticator;
    }

    /** The chunking rules. */
    public ChunkingCookieManager chunking() {
        return chunking;
    }

    /** The clock of expiry, renewal and sign-in dates. */
    public Clock clock() {
        return clock;
    }

    /** The request's cookies, parsed as ASP.NET parses them. */
    static RequestCookies requestCookies(RoutingContext context) {
        List<String> headers = context.request().headers().getAll("Cookie");
        return RequestCookies.parse(headers);
    }

    /** The reassembled authentication cookie of the request, if any. */
    Optional<String> requestCookie(RoutingContext context) {
        return chunking.requestCookie(requestCookies(context), cookieName);
    }

    /** The cookie attributes for a response to {@code context} (no expiry: a session cookie). */
    CookieOptions cookieOptions(RoutingContext context) {
        boolean secure = switch (config.securePolicy()) {
            case ALWAYS -> true;
            case NONE -> false;
            case SAME_AS_REQUEST -> context.request().isSSL()
                    || "https".equalsIgnoreCase(context.request().scheme());
        };
        return new CookieOptions(config.path(), config.domain().orElse(null), secure, config.sameSite(), config.httpOnly(),
                null);
    }

    /** Writes {@code Set-Cookie} lines, and ASP.NET's no-cache headers of sign-in, sign-out and renewal. */
    static void writeCookieHeaders(RoutingContext context, List<String> setCookies) {
        var headers = context.response().headers();
        setCookies.forEach(line -> headers.add("Set-Cookie", line));
        headers.set("Cache-Control", "no-cache,no-store");
        headers.set("Pragma", "no-cache");
        headers.set("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
