package io.quarkiverse.dataprotection.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Dates given on the command line. Stateless. */
final class Dates {

    private Dates() {
    }

    /**
     * {@code now}, an ISO-8601 instant or offset date-time ({@code 2026-12-01T08:00:00Z},
     * {@code 2026-12-01T09:00+01:00}) or a date ({@code 2026-12-01}, midnight UTC).
     *
     * @throws CliException with {@link ExitCode#USAGE} naming the option
     */
    static Instant parse(String option, String text, Instant now) {
        if ("now".equalsIgnoreCase(text.strip())) {
            return now;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw CliException.usage("Invalid " + option + " '" + text + "': give now, a date (2026-12-01, "
                        + "midnight UTC) or a date and time with an offset (2026-12-01T08:00:00Z)");
            }
        }
    }
}
