package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Durations are read in the forms the Quarkus extension accepts, so one configuration serves both. */
class DurationConverterTest {

    final DurationConverter converter = new DurationConverter();

    @Test
    void quarkusShortForms_andIso_areAccepted() {
        assertThat(converter.convert("90D")).isEqualTo(Duration.ofDays(90));
        assertThat(converter.convert("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(converter.convert("5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert(" PT1H ")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("p7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void signs_areKept_soThatValidationCanRejectThem() {
        assertThat(converter.convert("-1D")).isEqualTo(Duration.ofDays(-1));
        assertThat(converter.convert("-5m")).isEqualTo(Duration.ofMinutes(-5));
        assertThat(converter.convert("-PT1H")).isEqualTo(Duration.ofHours(-1));
    }

    @Test
    void otherText_isRejected_withTheAcceptedForms() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration; use ISO-8601 such as PT5M or P90D, or a number with ms, s, m, "
                        + "h or d such as 500ms, 5m or 90d (a bare number is seconds)");
        assertThatThrownBy(() -> converter.convert("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> converter.convert("1.5d")).isInstanceOf(IllegalArgumentException.class);
    }
}
