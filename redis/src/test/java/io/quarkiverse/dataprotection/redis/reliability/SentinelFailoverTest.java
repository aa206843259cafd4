package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.RedisSentinelGroup;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * A sentinel failover under a steady load from two instances: no key is lost or duplicated, and protect/unprotect
 * keep working, because they run on the cached ring and only refreshes talk to Redis. Both a graceful
 * {@code SENTINEL FAILOVER} and a crashed master (SIGKILL; the sentinel promotes the replica after its 5 s
 * down-after period) are tried.
 */
class SentinelFailoverTest {

    private static final List<String> PURPOSES = List.of("failover");

    enum How {
        SENTINEL_FAILOVER,
        MASTER_KILLED
    }

    @Test
    @Timeout(90)
    void sentinelFailover_underLoad_keepsEveryKey_andEveryOperationWorks() throws Exception {
        failoverUnderLoad(How.SENTINEL_FAILOVER);
    }

    @Test
    @Timeout(90)
    void masterKilled_underLoad_keepsEveryKey_andEveryOperationWorks() throws Exception {
        failoverUnderLoad(How.MASTER_KILLED);
    }

    @SuppressWarnings("unchecked")
    private static void failoverUnderLoad(How how) throws Exception {
        try (RedisSentinelGroup group = RedisServers.sentinel()) {
            RedisConnectionSettings settings = RedisConnectionSettings.sentinel(group.masterName(),
                    List.of(group.sentinelUri()));
            try (Instances.Instance a = Instances.start(settings, b -> b.refreshPeriod(Duration.ofSeconds(2)));
                    Instances.Instance b = Instances.start(settings, c -> c.refreshPeriod(Duration.ofSeconds(2)))) {
                DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
                DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
                // A second key, so the comparison covers more than the first one
                a.provider().keyManager().createNewKey(Instant.now().plus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(91)));
                List<byte[]> plaintexts = List.of("known".getBytes(StandardCharsets.UTF_8));
                List<byte[]> fromA = List.of(protectorA.protect(plaintexts.get(0)));
                List<byte[]> fromB = List.of(protectorB.protect(plaintexts.get(0)));
                RedisServer oldMaster = group.currentMaster();
                oldMaster.command("WAIT", "1", "5000"); // the keys are on the replica before anything fails
                List<String> before = (List<String>) group.command("LRANGE", Instances.LIST, "0", "-1");
                assertThat(Instances.keyIds(before)).hasSize(2);

                try (Load loadA = new Load("load-A", protectorA, fromB, plaintexts, 5, 80_000);
                        Load loadB = new Load("load-B", protectorB, fromA, plaintexts, 5, 80_000)) {
                    Instances.sleep(1_000);
                    long start = System.nanoTime();
                    RedisServer newMaster;
                    if (how == How.SENTINEL_FAILOVER) {
                        newMaster = group.failover();
                    } else {
                        oldMaster.kill();
                        newMaster = oldMaster == group.master() ? group.replica() : group.master();
                        long promoted = Instances.millisUntil(() -> group.currentMaster() == newMaster
                                && newMaster.info("replication").contains("role:master"), Duration.ofSeconds(40));
                        assertThat(promoted).as("the sentinel promotes the replica").isNotNegative();
                    }
                    long failoverMillis = (System.nanoTime() - start) / 1_000_000;
                    Instant switched = Instant.now();
                    long recovered = Instances.millisUntil(() -> refreshedSince(a, switched)
                            && refreshedSince(b, switched), Duration.ofSeconds(30));
                    Instances.sleep(1_000);
                    loadA.close();
                    loadB.close();

                    List<String> after = newMaster.lrange(Instances.LIST);
                    long failures = loadA.failures.get() + loadB.failures.get();
                    Measurements.record("sentinel " + how, "failover took %d ms; %d operations, %d failed; slowest "
                            + "operation %d ms; keys before %s, after %s (list entries %d -> %d); both instances read "
                            + "the new master %d ms after the switch", failoverMillis,
                            loadA.operations.get() + loadB.operations.get(), failures,
                            Math.max(loadA.slowestMillis(), loadB.slowestMillis()), Instances.keyIds(before),
                            Instances.keyIds(after), before.size(), after.size(), recovered);
                    assertThat(after).as("no key lost or duplicated").isEqualTo(before);
                    assertThat(failures).as("failed operations; first A %s B %s", loadA.failureMessages,
                            loadB.failureMessages).isZero();
                    assertThat(recovered).as("both instances refresh from the new master").isNotNegative();
                }
            }
        }
    }

    private static boolean refreshedSince(Instances.Instance instance, Instant since) {
        KeyRingStatus status = instance.provider().status();
        return status.lastRefreshError().isEmpty()
                && status.lastSuccessfulRefresh().map(t -> t.isAfter(since)).orElse(false);
    }
}
