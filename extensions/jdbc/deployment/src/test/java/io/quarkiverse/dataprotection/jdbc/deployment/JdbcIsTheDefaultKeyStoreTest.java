package io.quarkiverse.dataprotection.jdbc.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildInfo;
import io.quarkiverse.dataprotection.testing.DatabaseServers;
import io.quarkiverse.dataprotection.testing.PostgresServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the JDBC extension, the only store extension present, the key store is the default datasource's
 * {@code DataProtectionKeys} table without any key-store setting; readiness names it; and keys revoked inside an
 * application transaction are stored at once, whatever becomes of that transaction.
 */
class JdbcIsTheDefaultKeyStoreTest {

    static final PostgresServer POSTGRES = DatabaseServers.postgres();

    /** Registered before the application, so it runs after the application stopped. */
    @RegisterExtension
    static final AfterAllCallback STOP_POSTGRES = context -> POSTGRES.close();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Revoker.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", POSTGRES.jdbcUrl())
            .overrideConfigKey("quarkus.datasource.username", POSTGRES.user())
            .overrideConfigKey("quarkus.datasource.password", POSTGRES.password())
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.data-protection.jdbc.create-table", "true");

    /** Revokes a key in a transaction that then rolls back. */
    @ApplicationScoped
    static class Revoker {
        @Inject
        KeyManager keyManager;
        @Inject
        TransactionSynchronizationRegistry registry;

        @Transactional
        void revokeInATransactionThatRollsBack(UUID key) {
            keyManager.revokeKey(key, "revoked in an application transaction");
            registry.setRollbackOnly();
        }
    }

    @Inject
    DataProtectionBuildInfo buildInfo;

    @Inject
    DataProtectionProvider provider;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Revoker revoker;

    @Test
    void noKeyStoreSetting_withTheJdbcExtension_storesKeysInTheDefaultDatasource_andReadinessNamesIt() throws Exception {
        assertThat(buildInfo.keyStore()).isEqualTo("jdbc");
        // the key ring is read in the background at start
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(provider.status().store()).isEqualTo("jdbc:DataProtectionKeys@<default>");
        assertThat(friendlyNames()).filteredOn(name -> name.startsWith("key-"))
                .containsExactly("key-" + provider.status().defaultKeyId().orElseThrow());
        when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'data-protection' }.data.store",
                        equalTo("jdbc:DataProtectionKeys@<default>"));
    }

    @Test
    void keyRevokedInsideAnApplicationTransaction_isStoredAtOnce_evenWhenThatTransactionRollsBack() {
        UUID key = UUID.randomUUID();
        revoker.revokeInATransactionThatRollsBack(key);
        assertThat(friendlyNames()).contains("revocation-" + key);
    }

    private List<String> friendlyNames() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement
                        .executeQuery("SELECT \"FriendlyName\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
