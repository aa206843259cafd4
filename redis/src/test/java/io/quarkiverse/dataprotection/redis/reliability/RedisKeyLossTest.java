package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * Redis losing the key ring (restarted without persistence, as managed Redis does on failover or patching): the
 * instances restore the elements they had read, once, with the same key ids; nothing is minted, no known payload
 * fails, readiness stays up. And when a new instance starts on the emptied store before the others restore and
 * creates a key, every instance ends up with the old keys and the new one.
 */
class RedisKeyLossTest {

    private static final long PAUSE_MILLIS = 5;
    private static final List<String> PURPOSES = List.of("loss");

    @Test
    @Timeout(90)
    void redisRestartedEmpty_underLoad_ringRestoredOnce_sameKeyIds_noFailedOperation_noKeyCreated_readyThroughout()
            throws Exception {
        try (RedisServer redis = RedisServers.standalone()) { // no persistence: a restart comes back empty
            RedisConnectionSettings settings = Instances.quick(RedisConnectionSettings.standalone(redis.uri()));
            try (Instances.Instance a = Instances.start(settings, b -> b.refreshPeriod(Duration.ofSeconds(2)));
                    Instances.Instance b = Instances.start(settings, c -> c.refreshPeriod(Duration.ofSeconds(2)))) {
                DataProtector protectorA = a.provider().createProtector(PURPOSES.get(0));
                DataProtector protectorB = b.provider().createProtector(PURPOSES.get(0));
                b.provider().keyManager().createNewKey(Instant.now().plus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(91))); // a successor: two keys to restore
                a.provider().keyManager().revokeKey(UUID.randomUUID(), "a revocation to restore");
                List<String> before = redis.lrange(Instances.LIST);
                assertThat(Instances.millisUntil(() -> a.provider().status().keyCount() == 2
                        && b.provider().status().keyCount() == 2, Duration.ofSeconds(10))).isNotNegative();
                List<byte[]> plaintexts = List.of(bytes("known"));
                List<byte[]> fromA = List.of(protectorA.protect(plaintexts.get(0)));
                List<byte[]> fromB = List.of(protectorB.protect(plaintexts.get(0)));

                StatusWatch watch = new StatusWatch(a, b);
                try (Load loadA = new Load("load-A", protectorA, fromB, plaintexts, PAUSE_MILLIS, 60_000);
                        Load loadB = new Load("load-B", protectorB, fromA, plaintexts, PAUSE_MILLIS, 60_000)) {
                    Instances.sleep(1_000);
                    watch.outage.set(true);
                    redis.kill();
                    Instances.sleep(1_000);
                    redis.restart();
                    long restored = Instances.millisUntil(() -> Instances.keyIdSet(redis.lrange(Instances.LIST))
                            .equals(Instances.keyIdSet(before)), Duration.ofSeconds(20));
                    Instances.sleep(3_000); // several polls and refreshes after the restore
                    watch.outage.set(false);
                    loadA.close();
                    loadB.close();
                    watch.close();

                    List<String> after = redis.lrange(Instances.LIST);
                    long failures = loadA.failures.get() + loadB.failures.get();
                    Measurements.record("Redis restarted empty", "ring restored %d ms after the restart; list "
                            + "entries before %d, after %d; %d operations, %d failed; readiness samples %d, not ready "
                            + "%d; loss seen by A %s, by B %s", restored, before.size(), after.size(),
                            loadA.operations.get() + loadB.operations.get(), failures, watch.samples.get(),
                            watch.notReady.get(), a.provider().status().lastKeyLoss().orElse(null),
                            b.provider().status().lastKeyLoss().orElse(null));
                    assertThat(restored).as("the ring came back").isNotNegative();
                    assertThat(after).as("exactly the elements read, restored once, nothing minted")
                            .containsExactlyInAnyOrderElementsOf(before);
                    assertThat(failures).as("no failed operation; first failures %s %s", loadA.failureMessages,
                            loadB.failureMessages).isZero();
                    assertThat(watch.notReady.get()).as("readiness never down").isZero();
                    int restoredHere = a.provider().status().lastKeyLoss().map(l -> l.restoredElements()).orElse(0)
                            + b.provider().status().lastKeyLoss().map(l -> l.restoredElements()).orElse(0);
                    assertThat(restoredHere).as("one instance restored, the other found it done").isEqualTo(before.size());
                }
            }
        }
    }

    @Test
    @Timeout(90)
    void wipeThenANewInstanceStartsFirst_andCreatesAKey_everyInstanceReadsTheOldPayloads_noneDropsAKey()
            throws Exception {
        try (RedisServer redis = RedisServers.standalone()) {
            RedisConnectionSettings settings = Instances.quick(RedisConnectionSettings.standalone(redis.uri()));
            // A and B do not poll on their own for the test's length: only notifications (C's write) wake them, so C
            // is certain to find the emptied store first.
            try (Instances.Instance a = Instances.start(settings,
                    b -> b.refreshPeriod(Duration.ofMinutes(10)).changePollPeriod(Duration.ofMinutes(10)));
                    Instances.Instance b = Instances.start(settings,
                            c -> c.refreshPeriod(Duration.ofMinutes(10)).changePollPeriod(Duration.ofMinutes(10)))) {
                byte[] fromA = a.provider().createProtector(PURPOSES.get(0)).protect(bytes("before the wipe"));
                Set<UUID> oldKeys = Instances.keyIdSet(redis.lrange(Instances.LIST));
                assertThat(Instances.millisUntil(() -> b.provider().status().keyCount() == 1, Duration.ofSeconds(10)))
                        .isNotNegative();
                byte[] fromB = b.provider().createProtector(PURPOSES.get(0)).protect(bytes("before the wipe"));

                redis.flushAll();
                try (Instances.Instance c = Instances.start(settings, d -> d)) {
                    // C's write wakes A and B, which may restore the old key before this read: C's key is what
                    // Redis holds beyond the old ones, and it is C's default key.
                    Set<UUID> created = new HashSet<>(Instances.keyIdSet(redis.lrange(Instances.LIST)));
                    created.removeAll(oldKeys);
                    assertThat(created).as("C found the store empty and created a key").hasSize(1)
                            .containsExactly(c.provider().status().defaultKeyId().orElseThrow());
                    // Healed: every instance holds the old key and C's (A and B read the old payloads from their
                    // cache all along, so reading them alone would not show that they took in C's key).
                    int expected = oldKeys.size() + created.size();
                    long healed = Instances.millisUntil(() -> List.of(a, b, c).stream()
                            .allMatch(i -> i.provider().status().keyCount() == expected && readsBoth(i, fromA, fromB)),
                            Duration.ofSeconds(20));
                    Set<UUID> all = Instances.keyIdSet(redis.lrange(Instances.LIST));
                    Measurements.record("wipe, new instance first", "every instance read the old payloads %d ms after "
                            + "the new instance started; keys in Redis %d (old %d + new %d)", healed, all.size(),
                            oldKeys.size(), created.size());
                    assertThat(healed).as("every instance reads the payloads made before the wipe").isNotNegative();
                    assertThat(all).containsAll(oldKeys).containsAll(created).hasSize(oldKeys.size() + created.size());
                    for (Instances.Instance instance : List.of(a, b, c)) {
                        assertThat(instance.provider().status().keyCount()).as("no instance drops a key")
                                .isEqualTo(all.size());
                    }
                }
            }
        }
    }

    private static boolean readsBoth(Instances.Instance instance, byte[] first, byte[] second) {
        try {
            DataProtector protector = instance.provider().createProtector(PURPOSES.get(0));
            protector.unprotect(first);
            protector.unprotect(second);
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    @Test
    @Timeout(60)
    void createNewKey_whileRedisStallsPastTheClientTimeout_andTheClientRetries_storesOneKey() throws Exception {
        try (RedisServer redis = RedisServers.standalone("enable-debug-command local")) {
            // 1 s response timeout, 3 retries. (Redisson 3.52 does not resend EVAL after a response timeout, so the stall
            // ends in a late reply or a timeout; either way one element must land.)
            RedisConnectionSettings settings = RedisConnectionSettings.standalone(redis.uri())
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), 3);
            RedissonClient client = RedissonClients.create(settings);
            StallingAppends store = new StallingAppends(new RedisXmlRepository(client, Instances.LIST), redis);
            try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                    .refreshPeriod(Duration.ofMinutes(10)).build()) {
                Set<UUID> before = Instances.keyIdSet(redis.lrange(Instances.LIST));
                store.stallNextAppend.set(true);
                long started = System.nanoTime();
                Key created = null;
                RuntimeException failure = null;
                try {
                    created = provider.keyManager().createNewKey(Instant.now(), Instant.now().plus(Duration.ofDays(90)));
                } catch (RuntimeException e) {
                    failure = e;
                }
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                store.sleeping.get().get();
                Instances.sleep(1_500); // whatever the client had queued in Redis has run by now
                List<UUID> ids = Instances.keyIds(redis.lrange(Instances.LIST));
                Measurements.record("createNewKey under DEBUG SLEEP", "call took %d ms and %s; key elements before %d, "
                        + "after %d", tookMillis,
                        failure == null ? "returned " + created.id()
                                : "failed: "
                                        + failure.getMessage(),
                        before.size(), ids.size());
                assertThat(ids.size() - before.size()).as("at most one new key element").isLessThanOrEqualTo(1);
                if (created != null) {
                    UUID id = created.id();
                    assertThat(ids.stream().filter(id::equals).count()).as("the returned key, stored once").isEqualTo(1);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    /** Puts Redis to sleep (DEBUG SLEEP 2.5) just before the next append is sent, so that it stalls past the timeout. */
    private static final class StallingAppends implements VersionedXmlRepository {
        final java.util.concurrent.atomic.AtomicBoolean stallNextAppend = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Object>> sleeping = new java.util.concurrent.atomic.AtomicReference<>(
                CompletableFuture.completedFuture(null));
        private final VersionedXmlRepository delegate;
        private final RedisServer redis;

        StallingAppends(VersionedXmlRepository delegate, RedisServer redis) {
            this.delegate = delegate;
            this.redis = redis;
        }

        private void stall() {
            if (stallNextAppend.compareAndSet(true, false)) {
                sleeping.set(CompletableFuture.supplyAsync(() -> redis.command("DEBUG", "SLEEP", "2.5")));
                Instances.sleep(200);
            }
        }

        @Override
        public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
            stall();
            return delegate.addIfVersion(expectedVersion, xml, friendlyName);
        }

        @Override
        public void add(String xml, String friendlyName) {
            stall();
            delegate.add(xml, friendlyName);
        }

        @Override
        public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
            return delegate.addAllIfVersion(expectedVersion, elements);
        }

        @Override
        public VersionedElements readVersioned() {
            return delegate.readVersioned();
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public List<StoredElement> readAll() {
            return delegate.readAll();
        }

        @Override
        public void remove(java.util.Collection<StoredElement> elements) {
            delegate.remove(elements);
        }

        @Override
        public String description() {
            return delegate.description();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
