package io.quarkiverse.dataprotection.it;

import java.util.Map;

import io.quarkiverse.dataprotection.jdbc.SqlDialect;
import io.quarkiverse.dataprotection.testing.DatabaseServers;
import io.quarkiverse.dataprotection.testing.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL server (test-support's launcher) on a free loopback port for the application under test,
 * creates the key table with the statement of the guide (as a migration would: the application does not create it),
 * and stops the server afterwards.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        postgres = DatabaseServers.postgres();
        postgres.update(SqlDialect.POSTGRESQL.createTableStatement("DataProtectionKeys"));
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.data-protection.refresh-period", "1S");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
