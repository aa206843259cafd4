package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The items of a ticket's {@code AuthenticationProperties}, in order, with ASP.NET's well-known ones read the way it
 * reads them: {@value #ISSUED} and {@value #EXPIRES} as {@code "r"} dates (unparsable = absent), {@value #PERSISTENT}
 * by presence, {@value #REFRESH} as a boolean string.
 * <p>
 * Every item is kept, including ones this class does not know ({@code .Token.*}, {@code .redirect}, device-bound
 * session items): a renewal must write them back. A null value becomes {@code ""} (what ASP.NET writes for it).
 * Replacing an item keeps its position, as .NET's {@code Dictionary} does.
 * <p>
 * Immutable and thread-safe.
 */
public final class AuthenticationProperties {

    /** {@code IssuedUtc}. */
    public static final String ISSUED = ".issued";
    /** {@code ExpiresUtc}. */
    public static final String EXPIRES = ".expires";
    /** {@code IsPersistent}: present means persistent, whatever its value. */
    public static final String PERSISTENT = ".persistent";
    /** {@code RedirectUri}. */
    public static final String REDIRECT = ".redirect";
    /** {@code AllowRefresh}: {@code True}/{@code False}. */
    public static final String REFRESH = ".refresh";

    private static final AuthenticationProperties EMPTY = new AuthenticationProperties(Map.of());

    private final Map<String, String> items;

    private AuthenticationProperties(Map<String, String> items) {
        this.items = items;
    }

    /** No items. */
    public static AuthenticationProperties empty() {
        return EMPTY;
    }

    /** These items, in their iteration order. */
    public static AuthenticationProperties of(Map<String, String> items) {
        Map<String, String> copy = new LinkedHashMap<>();
        items.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "item key"), v == null ? "" : v));
        return new AuthenticationProperties(Collections.unmodifiableMap(copy));
    }

    /**
     * The items ASP.NET's sign-in writes: {@value #PERSISTENT} first when persistent, then {@value #ISSUED} =
     * {@code issued} and {@value #EXPIRES} = {@code issued + lifetime}.
     */
    public static AuthenticationProperties forSignIn(Instant issued, Duration lifetime, boolean persistent) {
        AuthenticationProperties properties = persistent ? EMPTY.with(PERSISTENT, "") : EMPTY;
        return properties.with(ISSUED, NetDates.format(issued)).with(EXPIRES, NetDates.format(issued.plus(lifetime)));
    }

    /** Every item, in order; unmodifiable. */
    public Map<String, String> items() {
        return items;
    }

    /** The value of item {@code key}. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(items.get(key));
    }

    /** These properties with item {@code key} set to {@code value} (in place when present, else last). */
    public AuthenticationProperties with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(items);
        copy.put(Objects.requireNonNull(key, "key"), value == null ? "" : value);
        return new AuthenticationProperties(Collections.unmodifiableMap(copy));
    }

    /** These properties without item {@code key}. */
    public AuthenticationProperties without(String key) {
        Map<String, String> copy = new LinkedHashMap<>(items);
        copy.remove(key);
        return new AuthenticationProperties(Collections.unmodifiableMap(copy));
    }

    /** {@code IssuedUtc}: empty when absent or not an {@code "r"} date. */
    public Optional<Instant> issuedUtc() {
        return get(ISSUED).flatMap(NetDates::parse);
    }

    /** {@code ExpiresUtc}: empty when absent or not an {@code "r"} date (then ASP.NET never expires the ticket). */
    public Optional<Instant> expiresUtc() {
        return get(EXPIRES).flatMap(NetDates::parse);
    }

    /** These properties with {@code IssuedUtc} and {@code ExpiresUtc} set, every other item unchanged. */
    public AuthenticationProperties withIssuedAndExpires(Instant issued, Instant expires) {
        return with(ISSUED, NetDates.format(issued)).with(EXPIRES, NetDates.format(expires));
    }

    /** {@code IsPersistent}: the item is present. */
    public boolean isPersistent() {
        return items.containsKey(PERSISTENT);
    }

    /** {@code AllowRefresh}: .NET's {@code bool.TryParse} of the item (case and surrounding blanks ignored). */
    public Optional<Boolean> allowRefresh() {
        return get(REFRESH).map(String::strip).flatMap(v -> v.equalsIgnoreCase("true") ? Optional.of(true)
                : v.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty());
    }

    /** {@code RedirectUri}. */
    public Optional<String> redirectUri() {
        return get(REDIRECT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationProperties other && items.equals(other.items)
                && items.keySet().stream().toList().equals(other.items.keySet().stream().toList());
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    /** The item keys only: values may be tokens. */
    @Override
    public String toString() {
        return "AuthenticationProperties" + items.keySet();
    }
}
