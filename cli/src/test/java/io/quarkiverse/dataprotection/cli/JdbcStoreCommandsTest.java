package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void documentedDatabaseCommands_runAgainstPostgres_andEachExitsZero() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "modules", "ROOT", "pages", "cli.adoc"));
        int start = page.indexOf("// tested-jdbc-commands-start");
        int end = page.indexOf("// tested-jdbc-commands-end");
        assertThat(start).as("the tested database block of cli.adoc").isPositive().isLessThan(end);
        List<String> commands = page.substring(start, end).lines()
                .filter(line -> line.startsWith("data-protection ")).toList();
        assertThat(commands).hasSize(3);
        postgres.update(SqlDialect.POSTGRESQL.createTableStatement("DataProtectionKeys"));
        Path config = temp.resolve("application.properties");
        Files.writeString(config, String.join("\n", "quarkus.data-protection.key-store=jdbc",
                "quarkus.datasource.db-kind=postgresql", "quarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "quarkus.datasource.username=" + postgres.user(), "quarkus.datasource.password=${DB_PASSWORD}",
                "DB_PASSWORD=" + postgres.password()));
        // What the documented environment variable QUARKUS_DATASOURCE_PASSWORD sets, as a system property.
        System.setProperty("quarkus.datasource.password", postgres.password());
        try {
            for (String command : commands) {
                String line = command.substring("data-protection ".length())
                        .replace("jdbc:postgresql://db:5432/orders", postgres.jdbcUrl())
                        .replace("--jdbc-user orders", "--jdbc-user " + postgres.user())
                        .replace("src/main/resources/application.properties", config.toString());
                Cli.Result result = Cli.run(line.split(" "));
                assertThat(result.code()).as(command + "\n" + result).isZero();
            }
        } finally {
            System.clearProperty("quarkus.datasource.password");
            postgres.update("DROP TABLE \"DataProtectionKeys\"");
        }
        assertThat(postgres.query("SELECT * FROM \"" + TABLE + "\"")).as("the other table is untouched").isEmpty();
    }

    private static DataSource database() {
        return JdbcConnection.of(new SmallRyeConfigBuilder().build(), null, postgres.jdbcUrl(), postgres.user(),
                postgres.password()).orElseThrow();
    }
}
