package io.quarkiverse.dataprotection.keys;

import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;

/**
 * .NET {@code Guid} text forms and ordering, for key ids.
 * <p>
 * Ordering: .NET's {@code Guid.CompareTo} compares the fields {@code (uint32, uint16, uint16, 8 bytes)} as unsigned
 * numbers, which equals the lexicographic order of the lowercase canonical string and the unsigned order of
 * {@link UUID}'s two 64-bit halves. {@link UUID#compareTo} compares them signed and disagrees for ids starting with
 * {@code 8}..{@code f}, so it must not be used where .NET instances have to agree.
 */
public final class NetGuid {

    /** .NET's {@code Guid} order. */
    public static final Comparator<UUID> ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private NetGuid() {
    }

    /**
     * Parses the forms .NET's {@code XmlConvert.ToGuid} accepts in practice: {@code D}
     * ({@code 8-4-4-4-12} hex digits), {@code N} (32 hex digits), and {@code D} inside braces ({@code B}) or
     * parentheses ({@code P}); surrounding whitespace is ignored.
     *
     * @return the id, or {@code null} when {@code text} is not a GUID
     */
    public static UUID parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() == 38 && (s.charAt(0) == '{' && s.charAt(37) == '}' || s.charAt(0) == '(' && s.charAt(37) == ')')) {
            s = s.substring(1, 37);
        }
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                return null;
            }
            hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** The {@code D} form .NET writes: lowercase {@code 8-4-4-4-12}. */
    public static String format(UUID id) {
        return id.toString().toLowerCase(Locale.ROOT);
    }
}
