package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;

/**
 * ASP.NET Core's {@code TicketDataFormat} for cookies: a ticket is {@linkplain TicketSerializer serialized}, protected
 * under the purpose chain {@code [application name, }{@value #COOKIE_PURPOSE}{@code , scheme, "v2"]} and encoded as
 * base64url without padding ({@code CfDJ8...}), exactly as ASP.NET's cookie handler does for a scheme when the
 * application sets no {@code TicketDataFormat} of its own.
 * <p>
 * {@link #unprotect(String)} fails with the one generic {@link DataProtectionException} whatever went wrong
 * (encoding, MAC, key, ticket bytes), as ASP.NET reports one "Unprotect ticket failed"; the reason is logged at debug
 * level, never the cookie.
 * <p>
 * Thread-safe.
 */
public final class TicketProtector {

    /** The purpose after the application name; ASP.NET's source says it must stay fixed for interop. */
    public static final String COOKIE_PURPOSE = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
    /** The last purpose of the chain. */
    public static final String VERSION_PURPOSE = "v2";

    private static final Logger LOG = Logger.getLogger(TicketProtector.class);

    private final DataProtector protector;

    /** Over a protector that already has the whole purpose chain (or one of your own, as ASP.NET allows). */
    public TicketProtector(DataProtector protector) {
        this.protector = Objects.requireNonNull(protector, "protector");
    }

    /** The cookie protector of {@code scheme} (raw, unescaped) under the provider's application name. */
    public static TicketProtector forCookieScheme(DataProtectionProvider provider, String scheme) {
        Objects.requireNonNull(provider, "provider");
        return new TicketProtector(provider.createProtector(COOKIE_PURPOSE, requireScheme(scheme), VERSION_PURPOSE));
    }

    /** The cookie protector of {@code scheme} below {@code root}, whose chain must end with the application name. */
    public static TicketProtector forCookieScheme(DataProtector root, String scheme) {
        Objects.requireNonNull(root, "root");
        return new TicketProtector(
                root.createProtector(COOKIE_PURPOSE).createProtector(requireScheme(scheme)).createProtector(VERSION_PURPOSE));
    }

    /**
     * The cookie value of {@code ticket}.
     *
     * @throws IllegalArgumentException when the ticket cannot be written (see {@link TicketSerializer})
     * @throws DataProtectionException when the key ring has no usable default key
     */
    public String protect(AuthenticationTicket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(protector.protect(TicketSerializer.serialize(ticket)));
    }

    /**
     * The ticket in a cookie value.
     *
     * @throws DataProtectionException (generic) when the value is not a ticket protected for this chain
     */
    public AuthenticationTicket unprotect(String cookieValue) {
        Objects.requireNonNull(cookieValue, "cookieValue");
        try {
            return TicketSerializer.deserialize(protector.unprotect(decode(cookieValue)));
        } catch (DataProtectionException e) {
            LOG.debugf("Unprotect ticket failed: %s", e.getMessage());
            throw DataProtectionException.invalidPayload();
        }
    }

    /**
     * The id of the key a cookie value claims to be protected with (bytes 4 to 19 of the payload, a .NET
     * {@code Guid}), without verifying anything; empty when the value is too short or not base64url.
     */
    public static Optional<UUID> keyId(String cookieValue) {
        byte[] payload;
        try {
            payload = decode(cookieValue);
        } catch (DataProtectionException e) {
            return Optional.empty();
        }
        if (payload.length < 20) {
            return Optional.empty();
        }
        // .NET's Guid byte order: the first three fields little-endian, the last eight bytes as they are.
        long high = littleEndian(payload, 4, 4) << 32 | littleEndian(payload, 8, 2) << 16 | littleEndian(payload, 10, 2);
        long low = 0;
        for (int i = 12; i < 20; i++) {
            low = low << 8 | (payload[i] & 0xFF);
        }
        return Optional.of(new UUID(high, low));
    }

    private static long littleEndian(byte[] data, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | (data[offset + i] & 0xFF);
        }
        return value;
    }

    /** ASP.NET's {@code Base64UrlTextEncoder.Decode}, for what it writes: base64url, padding optional. */
    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw DataProtectionException.invalidPayload();
        }
    }

    private static String requireScheme(String scheme) {
        if (scheme == null || scheme.isEmpty()) {
            throw new IllegalArgumentException("The authentication scheme must not be empty; ASP.NET's default is Cookies");
        }
        return scheme;
    }
}
