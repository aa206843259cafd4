package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.dataprotection.keys.NetGuid;

/** .NET {@code XmlConvert} date forms. */
class XmlDatesTest {

    @ParameterizedTest
    @CsvSource({
            "2015-03-19T23:32:02.3949887Z, 2015-03-19T23:32:02.3949887Z",
            "2024-01-01T00:00:00Z, 2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00.5Z, 2024-01-01T00:00:00.5Z",
            "2024-01-01T00:00:00.0000001Z, 2024-01-01T00:00:00.0000001Z",
            "2024-01-01T00:00:00.123456789Z, 2024-01-01T00:00:00.1234567Z",
            "2024-01-01T00:00:00.000000050Z, 2024-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z, 9999-12-31T23:59:59.9999999Z" })
    void format_writesUtcWithTrimmedTicks(String instant, String expected) {
        assertThat(XmlDates.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2015-03-19T23:32:02.3949887Z, 2015-03-19T23:32:02.3949887Z",
            "2015-03-19T23:32:02z, 2015-03-19T23:32:02Z",
            "'  2015-03-19T23:32:02.5Z \n', 2015-03-19T23:32:02.5Z",
            "2023-01-02T03:04:05.0600007+02:00, 2023-01-02T01:04:05.0600007Z",
            "2023-01-01T19:00:00-05:30, 2023-01-02T00:30:00Z",
            "2023-01-01T00:00:00+14:00, 2022-12-31T10:00:00Z",
            "2023-01-01T00:00:00.12345675Z, 2023-01-01T00:00:00.1234568Z",
            "2023-01-01T00:00:00.12345665Z, 2023-01-01T00:00:00.1234566Z",
            "2023-01-01T00:00:00.123456651Z, 2023-01-01T00:00:00.1234567Z",
            "2023-01-01T00:00:00.12345664999Z, 2023-01-01T00:00:00.1234566Z",
            "2023-01-01T00:00:00.99999999Z, 2023-01-01T00:00:01Z" })
    void parse_acceptsDotNetForms(String text, String expected) {
        assertThat(XmlDates.parseOrNull(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "2015-03-19", "2015-03-19T23:32:02", "2015-03-19T23:32:02.Z", "2015-03-19 23:32:02Z",
            "2015-02-29T00:00:00Z", "2015-03-19T24:00:00Z", "2015-03-19T23:60:00Z", "2015-03-19T23:32:60Z",
            "2015-03-19T23:32:02+15:00", "2015-03-19T23:32:02+0200", "15-03-19T23:32:02Z", "2015-03-19T23:32:02ZZ" })
    void parse_refusesOtherForms(String text) {
        assertThat(XmlDates.parseOrNull(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "80732141-ec8f-4b80-af9c-c4d2d1ff8901, 80732141-ec8f-4b80-af9c-c4d2d1ff8901",
            "80732141-EC8F-4B80-AF9C-C4D2D1FF8901, 80732141-ec8f-4b80-af9c-c4d2d1ff8901",
            "80732141ec8f4b80af9cc4d2d1ff8901, 80732141-ec8f-4b80-af9c-c4d2d1ff8901",
            "{80732141-ec8f-4b80-af9c-c4d2d1ff8901}, 80732141-ec8f-4b80-af9c-c4d2d1ff8901",
            "(80732141-ec8f-4b80-af9c-c4d2d1ff8901), 80732141-ec8f-4b80-af9c-c4d2d1ff8901" })
    void guid_parsesDotNetForms(String text, String expected) {
        assertThat(NetGuid.parseOrNull(text)).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "*", "1-1-1-1-1", "80732141-ec8f-4b80-af9c-c4d2d1ff890",
            "80732141-ec8f-4b80-af9c_c4d2d1ff8901",
            "g0732141-ec8f-4b80-af9c-c4d2d1ff8901", "{80732141-ec8f-4b80-af9c-c4d2d1ff8901)" })
    void guid_refusesOtherForms(String text) {
        assertThat(NetGuid.parseOrNull(text)).isNull();
    }
}
