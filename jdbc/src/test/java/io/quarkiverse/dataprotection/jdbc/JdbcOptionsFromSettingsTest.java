package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.jdbc.JdbcRepositoryOptions.InvalidSetting;

/**
 * The options of the extensions' {@code jdbc.*} properties: every setting kept, the table name stripped, and each
 * broken rule handed to the adapter naming the setting, the value as configured and the rule, table name first.
 */
class JdbcOptionsFromSettingsTest {

    /** Words a failure as the adapters do, with the setting's constant in place of their property. */
    private static final InvalidSetting ADAPTER = (setting, value, rule) -> new IllegalStateException(
            "Invalid " + setting + "=" + value + ": " + rule);

    @Test
    void validSettings_areAllKept_andTheTableNameIsStripped() {
        JdbcRepositoryOptions options = JdbcRepositoryOptions.fromSettings("  auth.OrderKeys\t", true, false,
                Duration.ofSeconds(3), "orders", ADAPTER);

        assertThat(options).isEqualTo(new JdbcRepositoryOptions("auth.OrderKeys", true, false, Duration.ofSeconds(3),
                Optional.empty(), Optional.of("orders")));
    }

    @Test
    void invalidTableName_isReportedAsTheTableName_quotedAsConfigured_withTheRule() {
        assertThatThrownBy(() -> JdbcRepositoryOptions.fromSettings(" keys; DROP TABLE x", false, true,
                Duration.ofSeconds(10), "<default>", ADAPTER))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Invalid TABLE_NAME=' keys; DROP TABLE x': Invalid key table name 'keys; DROP TABLE x': use "
                        + "a table name, optionally qualified by its schema (schema.table), of letters, digits and "
                        + "underscores, each part starting with a letter or an underscore and at most 63 characters, "
                        + "e.g. DataProtectionKeys");
    }

    @Test
    void subSecondQueryTimeout_isReportedAsTheQueryTimeout_withTheRule() {
        assertThatThrownBy(() -> JdbcRepositoryOptions.fromSettings("DataProtectionKeys", false, true,
                Duration.ofMillis(500), "<default>", ADAPTER))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Invalid QUERY_TIMEOUT=PT0.5S: Invalid query timeout PT0.5S: JDBC counts it in whole "
                        + "seconds, so use at least 1 second, e.g. PT10S");
    }

    @Test
    void bothInvalid_theTableNameIsReported() {
        assertThatThrownBy(() -> JdbcRepositoryOptions.fromSettings("bad-name;", false, true, Duration.ZERO,
                "<default>", ADAPTER)).hasMessageStartingWith("Invalid TABLE_NAME='bad-name;': ");
    }
}
