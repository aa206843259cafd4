package io.quarkiverse.dataprotection.internal.xml;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as .NET's {@code XmlConvert} writes and reads a {@code DateTimeOffset} inside an {@code XElement}.
 * <p>
 * Written form (System.Private.Xml {@code XsdDateTime}): {@code yyyy-MM-ddTHH:mm:ss}, then {@code .} and up to 7
 * fraction digits with trailing zeros removed (nothing when the fraction is zero), then {@code Z} when the offset is
 * zero or {@code ±hh:mm}. We always write UTC, so always {@code Z}. .NET keeps 100 ns ticks; a Java {@link Instant}
 * is truncated to them on write.
 * <p>
 * Read form: the same with any offset ({@code Z}, {@code z} or {@code ±hh:mm} up to 14 hours) and any number of
 * fraction digits, rounded to 100 ns as .NET does (half to even); surrounding whitespace is ignored. Dates without a
 * time or an offset, which .NET would read in the machine's local zone, are refused: their instant is ambiguous.
 */
public final class XmlDates {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(Z|z|[+-]\\d{2}:\\d{2})");
    private static final int TICK_NANOS = 100;
    private static final int FRACTION_DIGITS = 7;
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.9999999Z");

    private XmlDates() {
    }

    /** {@code instant} truncated to 100 ns ticks, as it will be stored. */
    public static Instant toTicks(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNano() / TICK_NANOS * TICK_NANOS);
    }

    /**
     * Formats {@code instant} as .NET writes a UTC {@code DateTimeOffset}.
     *
     * @throws IllegalArgumentException outside .NET's range (years 1 to 9999)
     */
    public static String format(Instant instant) {
        Instant t = toTicks(instant);
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new IllegalArgumentException("Invalid date " + instant + "; .NET dates are between years 1 and 9999");
        }
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(28);
        pad(sb, d.getYear(), 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append('T');
        pad(sb, d.getHour(), 2).append(':');
        pad(sb, d.getMinute(), 2).append(':');
        pad(sb, d.getSecond(), 2);
        int ticks = d.getNano() / TICK_NANOS;
        if (ticks != 0) {
            int digits = FRACTION_DIGITS;
            while (ticks % 10 == 0) {
                ticks /= 10;
                digits--;
            }
            pad(sb.append('.'), ticks, digits);
        }
        return sb.append('Z').toString();
    }

    /**
     * {@link #format} without separators, as .NET's {@code yyyyMMddTHHmmssFFFFFFFZ} (revocation file names):
     * {@code 20250601T123456789Z}.
     */
    public static String compact(Instant instant) {
        return format(instant).replace("-", "").replace(":", "").replace(".", "");
    }

    /**
     * Parses a date-time with an offset.
     *
     * @return the instant, or {@code null} when {@code text} is not a valid date-time with an offset
     */
    public static Instant parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = Integer.parseInt(m.group(6));
            if (hour > 23 || minute > 59 || second > 59) {
                return null;
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), hour, minute, second);
            ZoneOffset offset = offset(m.group(8));
            if (offset == null) {
                return null;
            }
            return local.toInstant(offset).plusNanos(fractionTicks(m.group(7)) * TICK_NANOS);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        int hours = Integer.parseInt(zone.substring(1, 3));
        int minutes = Integer.parseInt(zone.substring(4, 6));
        if (minutes > 59 || hours * 60 + minutes > 14 * 60) {
            return null; // .NET's DateTimeOffset refuses offsets beyond ±14:00
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** The fraction in 100 ns ticks; digits past the 7th round half to even, as .NET's XSD parser does. */
    private static long fractionTicks(String digits) {
        if (digits == null) {
            return 0;
        }
        long ticks = 0;
        for (int i = 0; i < FRACTION_DIGITS; i++) {
            ticks = ticks * 10 + (i < digits.length() ? digits.charAt(i) - '0' : 0);
        }
        if (digits.length() > FRACTION_DIGITS) {
            int next = digits.charAt(FRACTION_DIGITS) - '0';
            boolean restNonZero = digits.substring(FRACTION_DIGITS + 1).chars().anyMatch(c -> c != '0');
            if (next > 5 || next == 5 && (restNonZero || (ticks & 1) == 1)) {
                ticks++;
            }
        }
        return ticks;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
