package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cookies of a request as ASP.NET reads them ({@code CookieHeaderParserShared}, {@code RequestCookieCollection}):
 * pairs split on {@code ;} and {@code ,}, names compared ignoring case, the last of a repeated name wins, values
 * percent-decoded, pairs with an empty value skipped, quotes kept as part of a value.
 * <p>
 * Immutable after parsing; thread-safe.
 */
public final class RequestCookies {

    private final Map<String, String> cookies;

    private RequestCookies(Map<String, String> cookies) {
        this.cookies = cookies;
    }

    /** Parses every {@code Cookie} header of a request, in order. */
    public static RequestCookies parse(List<String> cookieHeaders) {
        Map<String, String> cookies = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header : cookieHeaders) {
            if (header != null) {
                parseHeader(header, cookies);
            }
        }
        return new RequestCookies(cookies);
    }

    /** The value of cookie {@code name} (ignoring case), when present with a non-empty value. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    private static void parseHeader(String header, Map<String, String> cookies) {
        for (String pair : header.split("[;,]")) {
            String item = pair.strip();
            int equals = item.indexOf('=');
            if (equals <= 0 || !isToken(item.substring(0, equals))) {
                continue;
            }
            String value = item.substring(equals + 1);
            if (!value.isEmpty() && isCookieValue(value)) {
                cookies.put(item.substring(0, equals), unescape(value));
            }
        }
    }

    private static boolean isToken(String name) {
        return name.chars().allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    private static boolean isCookieValue(String value) {
        String inner = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
        return inner.chars().allMatch(c -> c == 0x21 || c >= 0x23 && c <= 0x2B || c >= 0x2D && c <= 0x3A
                || c >= 0x3C && c <= 0x5B || c >= 0x5D && c <= 0x7E);
    }

    /** {@code Uri.UnescapeDataString}: {@code %XX} sequences decoded as UTF-8; anything else left as it is. */
    private static String unescape(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (c == '%' && low >= 0) {
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Names only. */
    @Override
    public String toString() {
        return "RequestCookies" + cookies.keySet();
    }
}
