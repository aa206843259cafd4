package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkiverse.dataprotection.testing.DatabaseServers;
import io.quarkiverse.dataprotection.testing.PostgresServer;

/** {@code key-store=jdbc} in Weld, on the application's {@code DataSource} beans and a real PostgreSQL. */
class JdbcStoreTest {

    static final String P = "quarkus.data-protection.";
    private static PostgresServer postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = DatabaseServers.postgres();
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void forgetDataSources() {
        ApplicationDataSources.defaultDataSource = null;
        ApplicationDataSources.keysDataSource = null;
    }

    @Test
    void twoContainersSharingOneTable_unprotectWhatTheOtherProtected_withOneKeyRow() {
        ApplicationDataSources.defaultDataSource = dataSource();
        Map<String, String> settings = jdbc("SharedKeys");
        String cookie;
        try (CdiApp first = CdiApp.start(settings, ApplicationDataSources.Default.class)) {
            cookie = first.protector().protect("user=42");
        }
        try (CdiApp second = CdiApp.start(settings, ApplicationDataSources.Default.class)) {
            assertThat(second.protector().unprotect(cookie)).isEqualTo("user=42");
            assertThat(second.provider().status().isReady()).isTrue();
        }

        List<List<Object>> rows = postgres.query("SELECT \"FriendlyName\" FROM \"SharedKeys\"");
        assertThat(rows).hasSize(1);
        assertThat((String) rows.get(0).get(0)).startsWith("key-");
    }

    @Test
    void namedDataSource_holdsTheKeys_theDefaultOneIsNotUsed() {
        ApplicationDataSources.keysDataSource = dataSource();
        ApplicationDataSources.defaultDataSource = new PGSimpleDataSource(); // no server: any use would fail
        Map<String, String> settings = jdbc("NamedKeys");
        settings.put(P + "jdbc.datasource", "keys");
        try (CdiApp app = CdiApp.start(settings, ApplicationDataSources.Default.class,
                ApplicationDataSources.NamedKeys.class)) {
            assertThat(app.protector().unprotect(app.protector().protect("named"))).isEqualTo("named");
        }

        assertThat(postgres.query("SELECT * FROM \"NamedKeys\"")).hasSize(1);
    }

    @Test
    void noDataSourceBean_failsTheStart_namingTheProperty() {
        assertThatThrownBy(() -> CdiApp.start(jdbc("Unused")).close())
                .hasStackTraceContaining("Missing quarkus.data-protection.jdbc.datasource: "
                        + "quarkus.data-protection.key-store=jdbc needs a javax.sql.DataSource");
    }

    @Test
    void unknownDataSourceName_failsTheStart_namingThePropertyAndTheName() {
        ApplicationDataSources.defaultDataSource = dataSource();
        Map<String, String> settings = jdbc("Unused");
        settings.put(P + "jdbc.datasource", "orders");
        assertThatThrownBy(() -> CdiApp.start(settings, ApplicationDataSources.Default.class).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.jdbc.datasource=orders: the application "
                        + "has no javax.sql.DataSource bean @Named(\"orders\")");
    }

    @Test
    void invalidTableName_failsTheStart_namingTheProperty() {
        ApplicationDataSources.defaultDataSource = dataSource();
        assertThatThrownBy(() -> CdiApp.start(jdbc("bad-name;"), ApplicationDataSources.Default.class).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.jdbc.table-name='bad-name;'");
    }

    private static Map<String, String> jdbc(String table) {
        Map<String, String> settings = new HashMap<>();
        settings.put(P + "key-store", "jdbc");
        settings.put(P + "jdbc.table-name", table);
        settings.put(P + "jdbc.create-table", "true");
        return settings;
    }

    private static DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }
}
