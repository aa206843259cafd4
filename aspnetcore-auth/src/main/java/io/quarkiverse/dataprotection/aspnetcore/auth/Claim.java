package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One claim of a {@link ClaimsIdentity}, as .NET's {@code System.Security.Claims.Claim}.
 * <p>
 * The constructor normalises as .NET's does: a null or empty value type becomes {@link ClaimTypes#STRING_VALUE_TYPE},
 * a null or empty issuer {@link ClaimTypes#LOCAL_AUTHORITY}, a null or empty original issuer the issuer. Property
 * values that are null become {@code ""} (what ASP.NET writes for them); the properties keep their order.
 * <p>
 * Immutable and thread-safe.
 *
 * @param type the claim type, compared ordinally; may be empty, never null
 * @param value the value; may be empty, never null
 * @param valueType the value type
 * @param issuer the issuer
 * @param originalIssuer the original issuer
 * @param properties the claim's properties, in order
 */
public record Claim(String type, String value, String valueType, String issuer, String originalIssuer,
        Map<String, String> properties) {

    public Claim {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        valueType = orDefault(valueType, ClaimTypes.STRING_VALUE_TYPE);
        issuer = orDefault(issuer, ClaimTypes.LOCAL_AUTHORITY);
        originalIssuer = orDefault(originalIssuer, issuer);
        properties = copy(properties);
    }

    /** A claim with the default value type and issuer and no properties. */
    public static Claim of(String type, String value) {
        return new Claim(type, value, null, null, null, Map.of());
    }

    /** This claim with {@code issuer} as issuer and original issuer. */
    public Claim withIssuer(String issuer) {
        return new Claim(type, value, valueType, issuer, issuer, properties);
    }

    /** The type and issuer only: values may be secrets (security stamps, tokens). */
    @Override
    public String toString() {
        return "Claim[type=" + type + ", issuer=" + issuer + "]";
    }

    static String orDefault(String value, String defaultValue) {
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    static Map<String, String> copy(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "property key"), v == null ? "" : v));
        return Collections.unmodifiableMap(copy);
    }
}
