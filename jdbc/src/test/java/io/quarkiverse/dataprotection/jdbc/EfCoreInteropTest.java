package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * Sharing the table with an ASP.NET Core application: rows inserted by SQL exactly as EF Core's store writes them
 * ({@code Id} from the identity, {@code FriendlyName = key-{guid}}, {@code Xml} = the element) become the ring, and
 * what this store writes reads back through the SQL EF Core runs ({@code SELECT Id, FriendlyName, Xml}) as EF Core's
 * own rows look.
 */
class EfCoreInteropTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void keyRowInsertedAsEfCoreDoes_becomesTheDefaultKey(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("efKeys"));
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        Tables.insertAsEfCore(server, table, "key-" + id,
                Fleet.aspNetKeyXml(id, now.minus(Duration.ofDays(3)), now.minus(Duration.ofMinutes(1)),
                        now.plus(Duration.ofDays(30))));
        try (AgroalDataSource pool = Tables.pool(server, 2);
                DataProtectionProvider provider = DataProtectionProvider.builder()
                        .repository(Tables.store(pool, table)).build()) {
            DataProtector protector = provider.createProtector("interop");
            byte[] payload = protector.protect(new byte[] { 42 });

            assertThat(PayloadFormat.readKeyId(payload)).isEqualTo(id);
            assertThat(protector.unprotect(payload)).containsExactly(42);
            assertThat(Tables.rows(server, table)).as("nothing created beside the .NET key").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void keysAndRevocationsWrittenHere_readBackThroughEfCoresSql_asEfCoreWritesThem(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("efWrite"));
        try (AgroalDataSource pool = Tables.pool(server, 2);
                DataProtectionProvider provider = DataProtectionProvider.builder()
                        .repository(Tables.store(pool, table)).backgroundRefresh(false).build()) {
            Key key = provider.keyManager().getAllKeys().get(0);
            provider.keyManager().revokeKey(key.id(), "interop");

            List<List<Object>> rows = Tables.rows(server, table);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get(1)).isEqualTo("key-" + key.id());
            assertThat((String) rows.get(0).get(2)).startsWith("<key id=\"" + key.id() + "\" version=\"1\">")
                    .doesNotContain("\n").endsWith("</key>");
            assertThat(rows.get(1).get(1)).isEqualTo("revocation-" + key.id());
            assertThat((String) rows.get(1).get(2)).startsWith("<revocation version=\"1\">")
                    .contains("<key id=\"" + key.id() + "\"").endsWith("</revocation>");
            assertThat(((Number) rows.get(1).get(0)).longValue()).isGreaterThan(((Number) rows.get(0).get(0)).longValue());
        }
    }
}
