package io.quarkiverse.dataprotection.aspnetcore.auth.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.dataprotection.aspnetcore.auth.SameSite;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * ASP.NET Core cookie authentication: the settings of ASP.NET's {@code AddCookie(scheme, options => ...)}. To share
 * sign-in with an ASP.NET Core application, set the same scheme, cookie name, path and domain as it has, and the same
 * {@code quarkus.data-protection.application-name} as its {@code SetApplicationName}.
 */
@ConfigMapping(prefix = "quarkus.data-protection.cookie-auth")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CookieAuthConfig {

    /** Whether requests are authenticated by the cookie. When off, the mechanism never authenticates anyone. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The authentication scheme name, as in ASP.NET's {@code AddCookie("...")}: it is part of the data protection
     * purpose chain, so it must be equal on both sides. ASP.NET Core Identity uses {@code Identity.Application}.
     */
    @WithDefault("Cookies")
    String scheme();

    /** The cookie name; defaults to {@code .AspNetCore.} followed by the URL-escaped scheme, as in ASP.NET. */
    Optional<String> cookieName();

    /** The cookie path ({@code Cookie.Path}); {@code /} so that every application under the host gets the cookie. */
    @WithDefault("/")
    String path();

    /** The cookie domain ({@code Cookie.Domain}), e.g. {@code .example.com} to share with sibling subdomains. */
    Optional<String> domain();

    /** When the cookie is marked {@code secure} ({@code Cookie.SecurePolicy}). */
    @WithDefault("same-as-request")
    SecurePolicy securePolicy();

    /** The {@code SameSite} attribute ({@code Cookie.SameSite}); {@code unspecified} writes none. */
    @WithDefault("lax")
    SameSite sameSite();

    /** Whether the cookie is {@code httponly} ({@code Cookie.HttpOnly}). */
    @WithDefault("true")
    boolean httpOnly();

    /** How long a ticket issued here is valid ({@code ExpireTimeSpan}). */
    @WithDefault("14D")
    Duration expireTimeSpan();

    /**
     * Whether a ticket past half its lifetime is renewed ({@code SlidingExpiration}): the response then carries the
     * same ticket with a new issue date and expiry, the window length kept.
     */
    @WithDefault("true")
    boolean slidingExpiration();

    /**
     * Whether cookies written by a sign-in are persistent (they get {@code expires=}) unless the call says otherwise;
     * ASP.NET's {@code IsPersistent} default is {@code false} (a session cookie).
     */
    @WithDefault("false")
    boolean persistent();

    /**
     * The largest {@code Set-Cookie} text per cookie before the value is split into {@code <name>C1..CN} chunks
     * ({@code ChunkingCookieManager.ChunkSize}); {@code 0} never splits. Chunks of a request are always reassembled.
     */
    @WithDefault("4050")
    int chunkSize();

    /**
     * Where unauthenticated requests to protected resources are redirected ({@code LoginPath}), with the original path
     * and query in {@code return-url-parameter}. Without it they get 401. Requests with
     * {@code X-Requested-With: XMLHttpRequest} get 401 with the {@code Location} header, as in ASP.NET.
     */
    Optional<String> loginPath();

    /** The query parameter of the login redirect that carries the original URL ({@code ReturnUrlParameter}). */
    @WithDefault("ReturnUrl")
    String returnUrlParameter();

    /**
     * Claim types whose first claim (in the primary identity) names the principal when that identity has no name claim
     * of its own name claim type; tried in order.
     */
    @WithDefault("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier")
    List<String> nameClaimFallbacks();

    /**
     * Roles added for an ASP.NET role, keyed by the ASP.NET role: {@code role-mapping.Administrators=admin,ops} gives
     * a principal in the ASP.NET role {@code Administrators} the roles {@code Administrators}, {@code admin} and
     * {@code ops}.
     */
    @ConfigDocMapKey("aspnet-role")
    Map<String, List<String>> roleMapping();

    /**
     * ASP.NET's {@code ClaimsIssuer}: the issuer of the session claim and the authentication type of the session stub
     * when a {@code TicketStore} bean keeps tickets server-side. Unset in ASP.NET by default.
     */
    Optional<String> claimsIssuer();

    /** ASP.NET's {@code CookieSecurePolicy}. */
    enum SecurePolicy {
        /** {@code secure} when the request came over HTTPS. */
        SAME_AS_REQUEST,
        /** Always {@code secure}. */
        ALWAYS,
        /** Never {@code secure}. */
        NONE
    }
}
