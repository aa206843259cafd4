package io.quarkiverse.dataprotection.aspnetcore.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The "r" date format and the well-known items, as ASP.NET reads and writes them. */
class NetDatesTest {

    @Test
    void format_hasTwoDigitDay_wholeSeconds_englishNames() {
        assertThat(NetDates.format(Instant.parse("2025-01-01T00:00:00.999Z"))).isEqualTo("Wed, 01 Jan 2025 00:00:00 GMT");
        assertThat(NetDates.format(Instant.parse("2024-12-31T23:59:59Z"))).isEqualTo("Tue, 31 Dec 2024 23:59:59 GMT");
    }

    @Test
    void parse_refusesWrongWeekday_oneDigitDay_andOtherForms() {
        assertThat(NetDates.parse("Wed, 01 Jan 2025 00:00:00 GMT")).contains(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(NetDates.parse("Thu, 01 Jan 2025 00:00:00 GMT")).isEmpty();
        assertThat(NetDates.parse("Wed, 1 Jan 2025 00:00:00 GMT")).isEmpty();
        assertThat(NetDates.parse("2025-01-01T00:00:00Z")).isEmpty();
        assertThat(NetDates.parse("Wed, 01 Jan 2025 00:00:00 UTC")).isEmpty();
        assertThat(NetDates.parse("")).isEmpty();
    }

    @Test
    void persistent_isPresence_refresh_isBoolParse_badDate_isAbsent() {
        Map<String, String> items = new LinkedHashMap<>();
        items.put(".persistent", "False");
        items.put(".refresh", " false ");
        items.put(".expires", "Wed, 1 Jan 2025 00:00:00 GMT");
        AuthenticationProperties properties = AuthenticationProperties.of(items);

        assertThat(properties.isPersistent()).isTrue();
        assertThat(properties.allowRefresh()).contains(false);
        assertThat(properties.expiresUtc()).isEmpty();
        assertThat(AuthenticationProperties.empty().with(".refresh", "yes").allowRefresh()).isEmpty();
    }

    @Test
    void withIssuedAndExpires_replacesInPlace_keepingEveryOtherItem() {
        AuthenticationProperties properties = AuthenticationProperties.empty().with(".persistent", "")
                .with(".issued", "x").with(".Token.id", "t").with(".expires", "y")
                .withIssuedAndExpires(Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-15T00:00:00Z"));

        assertThat(properties.items()).containsExactly(Map.entry(".persistent", ""),
                Map.entry(".issued", "Sat, 01 Feb 2025 00:00:00 GMT"), Map.entry(".Token.id", "t"),
                Map.entry(".expires", "Sat, 15 Feb 2025 00:00:00 GMT"));
    }

    @Test
    void forSignIn_writesPersistentFirst_thenIssuedAndExpires() {
        AuthenticationProperties properties = AuthenticationProperties.forSignIn(Instant.parse("2025-01-01T00:00:00.5Z"),
                java.time.Duration.ofDays(14), true);

        assertThat(properties.items()).containsExactly(Map.entry(".persistent", ""),
                Map.entry(".issued", "Wed, 01 Jan 2025 00:00:00 GMT"), Map.entry(".expires", "Wed, 15 Jan 2025 00:00:00 GMT"));
    }
}
