package io.quarkiverse.dataprotection.jdbc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.testing.DatabaseServers;
import io.quarkiverse.dataprotection.testing.MariaDbServer;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.QuarkusUnitTest;

/** The key table in a named MariaDB datasource, under a table name of its own (the dialect from the driver). */
class NamedMariaDbDataSourceTest {

    static final MariaDbServer MARIADB = DatabaseServers.mariadb();

    @RegisterExtension
    static final AfterAllCallback STOP_MARIADB = context -> MARIADB.close();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            // db-kind=other with the driver itself: quarkus-jdbc-mariadb is not available to this build.
            .overrideConfigKey("quarkus.datasource.keys.db-kind", "other")
            .overrideConfigKey("quarkus.datasource.keys.jdbc.driver", "org.mariadb.jdbc.Driver")
            .overrideConfigKey("quarkus.datasource.keys.jdbc.url", MARIADB.jdbcUrl())
            .overrideConfigKey("quarkus.datasource.keys.username", MARIADB.user())
            .overrideConfigKey("quarkus.datasource.keys.password", MARIADB.password())
            .overrideConfigKey("quarkus.datasource.keys.devservices.enabled", "false")
            .overrideConfigKey("quarkus.data-protection.jdbc.datasource", "keys")
            .overrideConfigKey("quarkus.data-protection.jdbc.table-name", "OrderKeys")
            .overrideConfigKey("quarkus.data-protection.jdbc.create-table", "true");

    @Inject
    DataProtectionProvider provider;

    @Inject
    @DataSource("keys")
    AgroalDataSource keys;

    @Test
    void namedDatasourceAndTable_holdTheKeyRing() throws Exception {
        // the key ring is read in the background at start
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(provider.status().store()).isEqualTo("jdbc:OrderKeys@keys");
        assertThat(provider.status().isReady()).isTrue();
        byte[] payload = provider.createProtector("orders").protect(new byte[] { 1 });
        assertThat(provider.createProtector("orders").unprotect(payload)).containsExactly(1);
        try (Connection connection = keys.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `OrderKeys`")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
