package io.quarkiverse.dataprotection.aspnetcore.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * .NET's {@code "r"} (RFC 1123) date format as ASP.NET writes ticket dates and cookie expiries:
 * {@code Wed, 01 Jan 2025 00:00:00 GMT}: English abbreviations, a two-digit day, whole seconds, always GMT.
 * <p>
 * Java's {@code DateTimeFormatter.RFC_1123_DATE_TIME} writes a one-digit day, which ASP.NET cannot read, so it is not
 * used. Parsing is as strict as .NET's {@code TryParseExact}: a wrong day of the week or a one-digit day does not
 * parse.
 */
public final class NetDates {

    private static final DateTimeFormatter R = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    private NetDates() {
    }

    /**
     * The {@code "r"} form of {@code instant}, fractions of a second dropped.
     *
     * @throws IllegalArgumentException when the instant is outside .NET's years 1 to 9999
     */
    public static String format(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        if (seconds.isBefore(MIN) || seconds.isAfter(MAX)) {
            throw new IllegalArgumentException("Date " + instant + " is outside .NET's range (years 1 to 9999)");
        }
        return R.format(seconds);
    }

    /** The instant of an {@code "r"} date, or empty when {@code text} is not one (ASP.NET then has no date). */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() != 29) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(R.parse(text)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
