package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads durations as the Quarkus extension does, so that one configuration serves both: ISO-8601 ({@code PT5M},
 * {@code P90D}), or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 90d} (either
 * case), or a bare number of seconds. SmallRye Config alone only knows ISO-8601, which would reject the Quarkus
 * defaults such as {@code 90D}.
 * <p>
 * Stateless and thread-safe.
 */
public final class DurationConverter implements Converter<Duration> {

    private static final long serialVersionUID = 1L;
    private static final Pattern SECONDS = Pattern.compile("[-+]?\\d+");
    private static final Pattern MILLIS = Pattern.compile("([-+]?\\d+)ms", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAYS = Pattern.compile("[-+]?\\d+d", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("[-+]?\\d+(\\.\\d+)?[hms]", Pattern.CASE_INSENSITIVE);

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (SECONDS.matcher(text).matches()) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            var millis = MILLIS.matcher(text);
            if (millis.matches()) {
                return Duration.ofMillis(Long.parseLong(millis.group(1)));
            }
            String upper = text.toUpperCase(Locale.ROOT);
            if (DAYS.matcher(text).matches()) {
                return Duration.parse(prefix(upper, "P"));
            }
            if (TIME.matcher(text).matches()) {
                return Duration.parse(prefix(upper, "PT"));
            }
            return Duration.parse(upper);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; use ISO-8601 such as PT5M or "
                    + "P90D, or a number with ms, s, m, h or d such as 500ms, 5m or 90d (a bare number is seconds)", e);
        }
    }

    /** {@code -2D} becomes {@code -P2D}, as {@link Duration#parse} wants the sign before the P. */
    private static String prefix(String text, String prefix) {
        char sign = text.charAt(0);
        return sign == '-' || sign == '+' ? sign + prefix + text.substring(1) : prefix + text;
    }
}
