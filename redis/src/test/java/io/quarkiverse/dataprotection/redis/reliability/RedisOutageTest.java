package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * Redis failing under a steady load from two instances. The contract these tests pin down:
 * <ul>
 * <li>an <b>outage</b> (Redis unreachable) is degraded-but-serving: protect and unprotect under known keys keep
 * working from the cached ring, no key is created, {@link KeyRingStatus#isReady()} stays true and
 * {@link KeyRingStatus#lastRefreshError()} says what is wrong; it clears by itself once Redis is back;</li>
 * <li>an <b>emptied</b> store (FLUSHALL) is a fault: still serving from the cache, but no key is minted,
 * {@link KeyRingStatus#fault()} says why and {@code isReady()} is false until keys reappear or an operator accepts
 * the empty store.</li>
 * </ul>
 */
class RedisOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final long PAUSE_MILLIS = 5;
    private static final List<String> PURPOSES = List.of("outage");

    /**
     * The server runs with an append-only file fsynced on every write, as a Redis holding a key ring should (losing
     * it loses every protected payload), so a SIGKILL loses nothing and the restarted server has the ring.
     */
    @Test
    @Timeout(120)
    void redisKilledFor30s_underLoad_noFailedOperation_noKeyCreated_readyThroughout_andRecovers() throws Exception {
        try (RedisServer redis = RedisServers.standalone("appendonly yes", "appendfsync always")) {
            RedisConnectionSettings settings = RedisConnectionSettings.standalone(redis.uri());
            try (Instances.Instance a = Instances.start(settings, b -> b.refreshPeriod(Duration.ofSeconds(2)));
                    Instances.Instance b = Instances.start(settings, c -> c.refreshPeriod(Duration.ofSeconds(2)))) {
                DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
                DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
                List<byte[]> plaintexts = List.of(bytes("known-1"), bytes("known-2"));
                List<byte[]> fromA = List.of(protectorA.protect(plaintexts.get(0)), protectorA.protect(plaintexts.get(1)));
                List<byte[]> fromB = List.of(protectorB.protect(plaintexts.get(0)), protectorB.protect(plaintexts.get(1)));
                List<String> before = redis.lrange(Instances.LIST);
                assertThat(Instances.keyIds(before)).hasSize(1);

                StatusWatch watch = new StatusWatch(a, b);
                try (Load loadA = new Load("load-A", protectorA, fromB, plaintexts, PAUSE_MILLIS, 120_000);
                        Load loadB = new Load("load-B", protectorB, fromA, plaintexts, PAUSE_MILLIS, 120_000)) {
                    Instances.sleep(2_000);
                    long opsBefore = loadA.operations.get() + loadB.operations.get();
                    redis.kill();
                    long killedAt = System.nanoTime();
                    watch.outage.set(true);
                    Instances.sleep(OUTAGE.toMillis());
                    long opsDuring = loadA.operations.get() + loadB.operations.get() - opsBefore;
                    boolean errorReported = a.provider().status().lastRefreshError().isPresent()
                            && b.provider().status().lastRefreshError().isPresent();
                    String errorDuring = a.provider().status().lastRefreshError().orElse("(none)");
                    Instant restartedAt = Instant.now();
                    redis.restart();
                    long restartNanos = System.nanoTime();
                    watch.outage.set(false);
                    long recovered = Instances.millisUntil(() -> recovered(a, restartedAt) && recovered(b, restartedAt),
                            Duration.ofSeconds(30));
                    long downMillis = (restartNanos - killedAt) / 1_000_000;
                    Instances.sleep(2_000);
                    loadA.close();
                    loadB.close();
                    watch.close();

                    List<String> after = redis.lrange(Instances.LIST);
                    long operations = loadA.operations.get() + loadB.operations.get();
                    long failures = loadA.failures.get() + loadB.failures.get();
                    Measurements.record("outage SIGKILL", "Redis down %d ms (AOF, appendfsync always); %d operations "
                            + "(%d during the outage), %d failed; list entries before %d, after restart %d; key ids "
                            + "equal: %s; readiness samples during the outage %d, not ready %d; lastRefreshError set on "
                            + "both: %s (\"%s\"); recovered (refresh succeeded, error cleared on both) %d ms after "
                            + "restart; slowest operation %d ms", downMillis, operations, opsDuring, failures,
                            before.size(), after.size(), Instances.keyIdSet(after).equals(Instances.keyIdSet(before)),
                            watch.samples.get(), watch.notReady.get(), errorReported, errorDuring, recovered,
                            Math.max(loadA.slowestMillis(), loadB.slowestMillis()));
                    assertThat(failures).as("failed operations; first failures A %s B %s", loadA.failureMessages,
                            loadB.failureMessages).isZero();
                    assertThat(opsDuring).as("operations kept running during the outage").isGreaterThan(1000);
                    assertThat(after).as("no key created during the outage, none lost").isEqualTo(before);
                    assertThat(watch.notReady.get()).as("readiness stays up while the cache serves").isZero();
                    assertThat(errorReported).as("the outage is reported through lastRefreshError").isTrue();
                    assertThat(recovered).as("automatic recovery").isNotNegative();
                } finally {
                    watch.close();
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void flushAllUnderLoad_withRestoreOff_mintsNoKey_isAFault_notReady_andKnownKeysKeepWorking() throws Exception {
        try (RedisServer redis = RedisServers.standalone()) {
            RedisConnectionSettings settings = RedisConnectionSettings.standalone(redis.uri());
            try (Instances.Instance a = Instances.start(settings,
                    b -> b.refreshPeriod(Duration.ofSeconds(2)).restoreLostKeys(false));
                    Instances.Instance b = Instances.start(settings,
                            c -> c.refreshPeriod(Duration.ofSeconds(2)).restoreLostKeys(false))) {
                DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
                DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
                List<byte[]> plaintexts = List.of(bytes("known-1"));
                List<byte[]> fromA = List.of(protectorA.protect(plaintexts.get(0)));
                List<byte[]> fromB = List.of(protectorB.protect(plaintexts.get(0)));
                try (Load loadA = new Load("load-A", protectorA, fromB, plaintexts, PAUSE_MILLIS, 60_000);
                        Load loadB = new Load("load-B", protectorB, fromA, plaintexts, PAUSE_MILLIS, 60_000)) {
                    Instances.sleep(1_000);
                    redis.flushAll();
                    long faulted = Instances.millisUntil(() -> a.provider().status().fault().isPresent()
                            && b.provider().status().fault().isPresent(), Duration.ofSeconds(10));
                    AtomicLong maxEntries = new AtomicLong();
                    AtomicInteger readySamples = new AtomicInteger();
                    long watchUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (System.nanoTime() < watchUntil) { // several refresh periods under load
                        maxEntries.accumulateAndGet(redis.lrange(Instances.LIST).size(), Math::max);
                        if (a.provider().status().isReady() || b.provider().status().isReady()) {
                            readySamples.incrementAndGet();
                        }
                        Instances.sleep(50);
                    }
                    KeyRingStatus status = b.provider().status();
                    loadA.close();
                    loadB.close();

                    a.provider().keyManager().acceptEmptyStore();
                    long bHealed = Instances.millisUntil(() -> b.provider().status().isReady(), Duration.ofSeconds(5));
                    List<String> after = redis.lrange(Instances.LIST);
                    long failures = loadA.failures.get() + loadB.failures.get();
                    Measurements.record("FLUSHALL, restore off", "fault reported on both after %d ms; max list entries while "
                            + "faulted %d; ready samples while faulted %d; %d operations, %d failed; fault: \"%s\"; "
                            + "after an operator's acceptEmptyStore() on A: %d key(s), B ready again after %d ms",
                            faulted, maxEntries.get(), readySamples.get(),
                            loadA.operations.get() + loadB.operations.get(), failures, status.fault().orElse(""),
                            Instances.keyIds(after).size(), bHealed);
                    assertThat(faulted).as("both instances report the emptied store").isNotNegative();
                    assertThat(maxEntries.get()).as("no key minted into the emptied store").isZero();
                    assertThat(readySamples.get()).as("not ready while faulted").isZero();
                    assertThat(status.fault()).get().asString().contains("returned no keys");
                    assertThat(failures).as("known keys keep working; first failures %s %s", loadA.failureMessages,
                            loadB.failureMessages).isZero();
                    assertThat(Instances.keyIds(after)).hasSize(1);
                    assertThat(bHealed).as("B sees the accepted new ring").isNotNegative();
                }
            }
        }
    }

    private static boolean recovered(Instances.Instance instance, Instant restartedAt) {
        KeyRingStatus status = instance.provider().status();
        return status.lastRefreshError().isEmpty()
                && status.lastSuccessfulRefresh().map(t -> t.isAfter(restartedAt)).orElse(false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
