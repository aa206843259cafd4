package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * A key created, and a key revoked, on instance A is used, and refused, by instance B within 2 seconds, however B hears
 * of it: PostgreSQL's NOTIFY, or the once-a-second version poll alone (notifications off, and MariaDB). B's periodic
 * refresh is an hour away and its one unknown-key read is spent before measuring.
 */
@ExtendWith(Databases.class)
class JdbcPropagationTest {

    private static final int SAMPLES = 5;
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final List<String> PURPOSES = List.of("propagation");

    enum Setup {
        POSTGRESQL_NOTIFY,
        POSTGRESQL_POLL_ONLY,
        MARIADB_POLL
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    @Timeout(60)
    void keyCreatedAndRevokedOnA_isUsedAndRefusedByB_within2s(Setup setup, Databases.Servers servers) {
        DatabaseServer server = setup == Setup.MARIADB_POLL ? servers.mariadb() : servers.postgres();
        String table = Tables.create(server, Tables.unique("propagation"));
        JdbcRepositoryOptions options = JdbcRepositoryOptions.defaults().withTableName(table);
        try (Fleet.Instance a = Fleet.start(server, options, b -> b.refreshPeriod(Duration.ofHours(1)));
                Fleet.Instance b = Fleet.start(server, options.withNotifications(setup == Setup.POSTGRESQL_NOTIFY),
                        c -> c.refreshPeriod(Duration.ofHours(1)).unknownKeyRefreshInterval(Duration.ofHours(1)))) {
            DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
            spendTheUnknownKeyRead(protectorB);
            if (setup == Setup.POSTGRESQL_NOTIFY) {
                Fleet.millisUntil(() -> listeners(server) >= 1, Duration.ofSeconds(5));
            }
            List<Long> creation = new ArrayList<>();
            List<Long> revocation = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                Instant now = Instant.now();
                Key key = a.provider().keyManager().createNewKey(now, now.plus(Duration.ofDays(90)));
                byte[] payload = Fleet.payloadUnder(key, PURPOSES, new byte[] { (byte) i });
                long created = Fleet.millisUntil(() -> unprotects(protectorB, payload), LIMIT);
                assertThat(created).as("%s: B uses A's new key within %s (sample %d)", setup, LIMIT, i).isNotNegative();
                creation.add(created);

                a.provider().keyManager().revokeKey(key.id(), "propagation test");
                long revoked = Fleet.millisUntil(() -> refusesAsRevoked(protectorB, payload), LIMIT);
                assertThat(revoked).as("%s: B refuses A's revoked key within %s (sample %d)", setup, LIMIT, i)
                        .isNotNegative();
                revocation.add(revoked);
            }
            Measurements.record("jdbc propagation " + setup, "new key used by B after %s ms, revocation refused after "
                    + "%s ms (max %d / %d ms)", creation, revocation, Collections.max(creation),
                    Collections.max(revocation));
        }
    }

    private static long listeners(DatabaseServer postgres) {
        return ((Number) postgres.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'").get(0)
                .get(0)).longValue();
    }

    private static void spendTheUnknownKeyRead(DataProtector protector) {
        byte[] bogus = new byte[PayloadFormat.HEADER_SIZE + 64];
        PayloadFormat.writeHeader(bogus, UUID.randomUUID());
        try {
            protector.unprotect(bogus);
        } catch (DataProtectionException expected) {
            assertThat(expected).hasMessageContaining("was not found");
        }
    }

    private static boolean unprotects(DataProtector protector, byte[] payload) {
        try {
            protector.unprotect(payload);
            return true;
        } catch (DataProtectionException notYet) {
            assertThat(notYet).hasMessageContaining("was not found");
            return false;
        }
    }

    private static boolean refusesAsRevoked(DataProtector protector, byte[] payload) {
        try {
            protector.unprotect(payload);
            return false;
        } catch (DataProtectionException e) {
            assertThat(e).hasMessageContaining("has been revoked");
            return true;
        }
    }
}
