package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * The database failing under a steady load from two instances: restarted (down for 3 s), the instances keep serving
 * their cached ring with no failed operation, create no key, stay ready, report the outage and recover by themselves;
 * rows deleted behind their back are restored once, as they were, with no failed operation and no new key.
 * (The servers are shared by the run, so these tests restart their own servers.)
 */
class JdbcOutageTest {

    private static final long PAUSE_MILLIS = 5;
    private static final List<String> PURPOSES = List.of("outage");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(OwnDatabases.class)
    @Timeout(120)
    void databaseRestartedUnderLoad_noFailedOperation_noKeyCreated_readyThroughout_andRecovers(
            OwnDatabases.Own database) throws Exception {
        try (DatabaseServer server = database.start()) {
            String table = Tables.create(server, Tables.unique("outage"));
            JdbcRepositoryOptions options = JdbcRepositoryOptions.defaults().withTableName(table)
                    .withQueryTimeout(Duration.ofSeconds(2));
            try (Fleet.Instance a = Fleet.start(server, options, b -> b.refreshPeriod(Duration.ofSeconds(1)));
                    Fleet.Instance b = Fleet.start(server, options, c -> c.refreshPeriod(Duration.ofSeconds(1)))) {
                DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
                DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
                byte[] known = "known".getBytes(StandardCharsets.UTF_8);
                List<List<Object>> before = Tables.rows(server, table);
                assertThat(Fleet.keyIds(server, table)).hasSize(1);
                AtomicInteger notReady = new AtomicInteger();
                try (Load loadA = new Load("load-A", protectorA, protectorB.protect(known), known, PAUSE_MILLIS, 60_000);
                        Load loadB = new Load("load-B", protectorB, protectorA.protect(known), known, PAUSE_MILLIS,
                                60_000)) {
                    Fleet.sleep(1_000);
                    server.stop();
                    long stoppedAt = System.nanoTime();
                    long watchUntil = stoppedAt + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < watchUntil) {
                        if (!a.provider().status().isReady() || !b.provider().status().isReady()) {
                            notReady.incrementAndGet();
                        }
                        Fleet.sleep(50);
                    }
                    boolean errorReported = a.provider().status().lastRefreshError().isPresent()
                            && b.provider().status().lastRefreshError().isPresent();
                    String errorDuring = a.provider().status().lastRefreshError().orElse("(none)");
                    Instant restartedAt = Instant.now();
                    server.start();
                    long downMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
                    long recovered = Fleet.millisUntil(() -> recovered(a, restartedAt) && recovered(b, restartedAt),
                            Duration.ofSeconds(30));
                    Fleet.sleep(1_000);
                    loadA.close();
                    loadB.close();
                    long failures = loadA.failures.get() + loadB.failures.get();
                    Measurements.record("jdbc restart " + server.kind(), "database down %d ms; %d operations, %d "
                            + "failed; rows before %d, after %d; not-ready samples %d; lastRefreshError on both: %s "
                            + "(\"%s\"); recovered %d ms after the restart", downMillis,
                            loadA.operations.get() + loadB.operations.get(), failures, before.size(),
                            Tables.rows(server, table).size(), notReady.get(), errorReported, errorDuring, recovered);
                    assertThat(failures).as("failed operations; first failures A %s B %s", loadA.failureMessages,
                            loadB.failureMessages).isZero();
                    assertThat(Tables.rows(server, table)).as("no key created, none lost").isEqualTo(before);
                    assertThat(notReady.get()).as("readiness stays up while the cache serves").isZero();
                    assertThat(errorReported).as("the outage is reported").isTrue();
                    assertThat(errorDuring).doesNotContain("<key").doesNotContain(server.password());
                    assertThat(recovered).as("automatic recovery").isNotNegative();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    @Timeout(60)
    void rowsDeletedUnderLoad_restoredOnceAsTheyWere_noFailedOperation_noKeyCreated(Databases.Database database)
            throws Exception {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("loss"));
        JdbcRepositoryOptions options = JdbcRepositoryOptions.defaults().withTableName(table);
        try (Fleet.Instance a = Fleet.start(server, options, b -> b.refreshPeriod(Duration.ofSeconds(2)));
                Fleet.Instance b = Fleet.start(server, options, c -> c.refreshPeriod(Duration.ofSeconds(2)))) {
            b.provider().keyManager().createNewKey(Instant.now().plus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(91))); // a successor: two keys to restore
            a.provider().keyManager().revokeKey(java.util.UUID.randomUUID(), "a revocation to restore");
            List<String> before = Tables.xml(server, table);
            assertThat(Fleet.millisUntil(() -> a.provider().status().keyCount() == 2
                    && b.provider().status().keyCount() == 2, Duration.ofSeconds(10))).isNotNegative();
            DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
            DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
            byte[] known = "known".getBytes(StandardCharsets.UTF_8);
            try (Load loadA = new Load("load-A", protectorA, protectorB.protect(known), known, PAUSE_MILLIS, 30_000);
                    Load loadB = new Load("load-B", protectorB, protectorA.protect(known), known, PAUSE_MILLIS, 30_000)) {
                Fleet.sleep(500);
                Tables.deleteAll(server, table);
                long restored = Fleet.millisUntil(() -> Tables.xml(server, table).size() >= before.size(),
                        Duration.ofSeconds(10));
                Fleet.sleep(2_500); // several polls and refreshes after the restore
                loadA.close();
                loadB.close();
                List<String> after = Tables.xml(server, table);
                long failures = loadA.failures.get() + loadB.failures.get();
                int restoredHere = a.provider().status().lastKeyLoss().map(KeyRingStatus.Loss::restoredElements)
                        .orElse(0)
                        + b.provider().status().lastKeyLoss().map(KeyRingStatus.Loss::restoredElements)
                                .orElse(0);
                Measurements.record("jdbc rows deleted " + server.kind(), "restored %d ms after the delete; rows before "
                        + "%d, after %d; %d operations, %d failed; restored by A+B %d", restored, before.size(),
                        after.size(), loadA.operations.get() + loadB.operations.get(), failures, restoredHere);
                assertThat(restored).as("the ring came back").isNotNegative();
                assertThat(after).as("exactly the rows read, restored once, nothing minted")
                        .containsExactlyInAnyOrderElementsOf(before);
                assertThat(failures).as("first failures %s %s", loadA.failureMessages, loadB.failureMessages).isZero();
                assertThat(restoredHere).as("one instance restored, the other found it done").isEqualTo(before.size());
            }
        }
    }

    private static boolean recovered(Fleet.Instance instance, Instant restartedAt) {
        KeyRingStatus status = instance.provider().status();
        return status.lastRefreshError().isEmpty()
                && status.lastSuccessfulRefresh().map(t -> t.isAfter(restartedAt)).orElse(false);
    }
}
