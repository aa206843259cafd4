package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.jdbc.JdbcRepositoryOptions;
import io.quarkiverse.dataprotection.jdbc.JdbcXmlRepository;
import io.quarkiverse.dataprotection.jdbc.SqlDialect;
import io.quarkiverse.dataprotection.testing.DatabaseServers;
import io.quarkiverse.dataprotection.testing.PostgresServer;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Every subcommand on a database key table, on a real PostgreSQL. */
class JdbcStoreCommandsTest extends RingCommandsContract {

    private static final String TABLE = "ServiceKeys";
    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = DatabaseServers.postgres();
        postgres.update(SqlDialect.POSTGRESQL.createTableStatement(TABLE)); // as EF Core's migration creates it
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @BeforeEach
    void empty() {
        postgres.update("DELETE FROM \"" + TABLE + "\"");
    }

    @Override
    String[] ring() {
        return new String[] { "--jdbc-url", postgres.jdbcUrl(), "--jdbc-user", postgres.user(), "--jdbc-password",
                postgres.password(), "-Dquarkus.data-protection.jdbc.table-name=" + TABLE };
    }

    @Override
    DataProtectionProviderBuilder serviceBuilder() {
        return DataProtectionProvider.builder().repository(new JdbcXmlRepository(database(),
                JdbcRepositoryOptions.defaults().withTableName(TABLE)));
    }

    @Override
    String expectedEncryption() {
        return "none (unencrypted)";
    }

    @Test
    void create_writesOneRowToTheConfiguredTable() {
        String id = createKey();

        assertThat(postgres.query("SELECT \"FriendlyName\", \"Xml\" FROM \"" + TABLE + "\"")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo("key-" + id);
                    assertThat((String) row.get(1)).startsWith("<key id=\"" + id + "\"");
                });
    }

    @Test
    void list_withTheServicesDatasourceProperties_fromConfig_readsTheTable() throws Exception {
        String id = createKey();
        Path config = temp.resolve("application.properties");
        Files.writeString(config, String.join("\n", "quarkus.data-protection.key-store=jdbc",
                "quarkus.data-protection.jdbc.table-name=" + TABLE,
                "quarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "quarkus.datasource.username=" + postgres.user(),
                "quarkus.datasource.password=" + postgres.password()));

        Cli.Result list = Cli.run("list", "--config", config.toString());

        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("default key:    " + id).contains(TABLE);
    }

    @Test
    void list_wrongPassword_exitsThree_withoutEchoingThePassword() {
        Cli.Result list = Cli.run("list", "--jdbc-url", postgres.jdbcUrl(), "--jdbc-user", postgres.user(),
                "--jdbc-password", "wrong-secret-pw", "-Dquarkus.data-protection.jdbc.table-name=" + TABLE);

        assertThat(list.code()).as(list.toString()).isEqualTo(ExitCode.STORE_UNREACHABLE);
        assertThat(list.err()).contains("error: ").contains(TABLE);
        assertThat(list.out() + list.err()).doesNotContain("wrong-secret-pw");
    }

    @Test
    void jdbcStoreWithoutUrl_exitsTwo_namingThePropertyAndTheOption() {
        Cli.Result list = Cli.run("list", "--store", "jdbc");

        assertThat(list.code()).as(list.toString()).isEqualTo(ExitCode.CONFIG);
        assertThat(list.err()).contains("Missing quarkus.datasource.jdbc.url").contains("--jdbc-url");
    }

    private static DataSource database() {
        return JdbcConnection.of(new SmallRyeConfigBuilder().build(), null, postgres.jdbcUrl(), postgres.user(),
                postgres.password()).orElseThrow();
    }
}
