package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.jdbc.SqlDialect;
import io.quarkiverse.dataprotection.testing.DatabaseServers;
import io.quarkiverse.dataprotection.testing.MariaDbServer;

/** A smoke run on MariaDB: the bundled driver reaches it, and create, list and show work on its key table. */
class MariaDbStoreCommandsTest {

    @Test
    void createListShow_onAMariaDbKeyTable_exitZero_andTheRowIsThere() {
        try (MariaDbServer mariadb = DatabaseServers.mariadb()) {
            mariadb.update(SqlDialect.MARIADB.createTableStatement("DataProtectionKeys"));
            String[] ring = { "--jdbc-url", mariadb.jdbcUrl(), "--jdbc-user", mariadb.user(), "--jdbc-password",
                    mariadb.password() };

            Cli.Result created = Cli.run(Cli.with(ring, "create"));
            assertThat(created.code()).as(created.toString()).isZero();
            Matcher id = Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(created.out());
            assertThat(id.find()).as(created.toString()).isTrue();

            Cli.Result list = Cli.run(Cli.with(ring, "list"));
            assertThat(list.code()).as(list.toString()).isZero();
            assertThat(list.out()).contains("default key:    " + id.group());
            Cli.Result show = Cli.run(Cli.with(ring, "show", id.group()));
            assertThat(show.code()).as(show.toString()).isZero();
            assertThat(mariadb.query("SELECT FriendlyName FROM DataProtectionKeys")).singleElement()
                    .satisfies(row -> assertThat(row.get(0)).isEqualTo("key-" + id.group()));
        }
    }
}
