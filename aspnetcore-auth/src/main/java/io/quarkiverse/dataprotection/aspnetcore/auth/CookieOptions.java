package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.time.Instant;
import java.util.Locale;

/**
 * The attributes of a response cookie, written in the order and spelling of ASP.NET's {@code SetCookieHeaderValue}:
 * {@code name=value; expires=DATE; domain=DOMAIN; path=PATH; secure; samesite=MODE; httponly}, where DATE is the
 * RFC 1123 date. Chunk sizes depend on the length of that text, so it matters for byte-equal chunking.
 * <p>
 * Immutable and thread-safe.
 *
 * @param path the path, or null
 * @param domain the domain, or null
 * @param secure whether to send it over HTTPS only
 * @param sameSite the SameSite mode
 * @param httpOnly whether scripts cannot read it
 * @param expires the expiry (persistent cookies), or null for a session cookie
 */
public record CookieOptions(String path, String domain, boolean secure, SameSite sameSite, boolean httpOnly,
        Instant expires) {

    public CookieOptions {
        sameSite = sameSite == null ? SameSite.UNSPECIFIED : sameSite;
        path = path == null || path.isEmpty() ? null : path;
        domain = domain == null || domain.isEmpty() ? null : domain;
    }

    /** ASP.NET's defaults over HTTP(S): path {@code /}, {@code samesite=lax}, {@code httponly}. */
    public static CookieOptions defaults(boolean secure) {
        return new CookieOptions("/", null, secure, SameSite.LAX, true, null);
    }

    /** These options with another expiry (null: a session cookie). */
    public CookieOptions withExpires(Instant expires) {
        return new CookieOptions(path, domain, secure, sameSite, httpOnly, expires);
    }

    /** The {@code Set-Cookie} header value for {@code name} and {@code value} (escaped as {@code Uri.EscapeDataString}). */
    public String header(String name, String value) {
        StringBuilder header = new StringBuilder(name.length() + value.length() + 64).append(name).append('=')
                .append(escape(value));
        if (expires != null) {
            header.append("; expires=").append(NetDates.format(expires));
        }
        if (domain != null) {
            header.append("; domain=").append(domain);
        }
        if (path != null) {
            header.append("; path=").append(path);
        }
        if (secure) {
            header.append("; secure");
        }
        if (sameSite != SameSite.UNSPECIFIED) {
            header.append("; samesite=").append(sameSite.name().toLowerCase(Locale.ROOT));
        }
        if (httpOnly) {
            header.append("; httponly");
        }
        return header.toString();
    }

    /** {@code Uri.EscapeDataString}: everything but RFC 3986's unreserved characters, as UTF-8 percent escapes. */
    static String escape(String value) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean unreserved = b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-'
                    || b == '.' || b == '_' || b == '~';
            if (out == null && !unreserved) {
                out = new StringBuilder(new String(bytes, 0, i, java.nio.charset.StandardCharsets.US_ASCII));
            }
            if (out != null) {
                if (unreserved) {
                    out.append((char) b);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
