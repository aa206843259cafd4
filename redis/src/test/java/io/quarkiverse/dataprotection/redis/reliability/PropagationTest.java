package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * A key created, and a key revoked, on instance A is used, and refused, by instance B within 2 seconds, however B
 * hears of it: through the pub/sub announcement, or, with pub/sub broken, through its once-a-second version poll.
 * <p>
 * B's periodic refresh is an hour away and its one unknown-key read is spent before measuring, so nothing but the
 * announcement or the poll can tell B about the change.
 */
class PropagationTest {

    private static final int SAMPLES = 5;
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final List<String> PURPOSES = List.of("propagation");

    enum PubSub {
        /** Announcements arrive. */
        WORKING,
        /** B never subscribes: only the version poll. */
        NOT_SUBSCRIBED,
        /** B subscribes, but every pub/sub connection on the server is killed every 20 ms. */
        CONNECTIONS_KILLED
    }

    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServers.standalone();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest
    @EnumSource(PubSub.class)
    @Timeout(60)
    void keyCreatedAndRevokedOnA_isUsedAndRefusedByB_within2s(PubSub pubSub) throws Exception {
        redis.flushAll();
        RedisConnectionSettings settings = RedisConnectionSettings.standalone(redis.uri());
        AtomicBoolean killing = new AtomicBoolean(pubSub == PubSub.CONNECTIONS_KILLED);
        AtomicInteger kills = new AtomicInteger();
        Thread killer = new Thread(() -> {
            while (killing.get()) {
                try {
                    kills.addAndGet(((Long) redis.command("CLIENT", "KILL", "TYPE", "pubsub")).intValue());
                } catch (RuntimeException ignored) {
                    // keep killing
                }
                Instances.sleep(20);
            }
        }, "pubsub-killer");
        RedissonClient clientB = RedissonClients.create(settings);
        try (Instances.Instance a = Instances.start(settings, b -> b.refreshPeriod(Duration.ofHours(1)));
                DataProtectionProvider b = DataProtectionProvider.builder()
                        .repository(new ObservedStore(new RedisXmlRepository(clientB), pubSub != PubSub.NOT_SUBSCRIBED))
                        .refreshPeriod(Duration.ofHours(1)).unknownKeyRefreshInterval(Duration.ofHours(1)).build()) {
            DataProtector protectorB = b.createProtector(PURPOSES.get(0));
            spendTheUnknownKeyRead(protectorB);
            if (pubSub == PubSub.WORKING) {
                awaitSubscribers(2);
            }
            killer.start();
            List<Long> creation = new ArrayList<>();
            List<Long> revocation = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                Instant now = Instant.now();
                Key key = a.provider().keyManager().createNewKey(now, now.plus(Duration.ofDays(90)));
                byte[] payload = Instances.payloadUnder(key, PURPOSES, new byte[] { (byte) i });
                long created = Instances.millisUntil(() -> unprotects(protectorB, payload), LIMIT);
                assertThat(created).as("%s: B uses A's new key within %s (sample %d)", pubSub, LIMIT, i)
                        .isNotNegative();
                creation.add(created);

                a.provider().keyManager().revokeKey(key.id(), "propagation test");
                long revoked = Instances.millisUntil(() -> refusesAsRevoked(protectorB, payload), LIMIT);
                assertThat(revoked).as("%s: B refuses A's revoked key within %s (sample %d)", pubSub, LIMIT, i)
                        .isNotNegative();
                revocation.add(revoked);
            }
            Measurements.record("propagation " + pubSub, "new key used by B after %s ms, revocation refused after %s ms "
                    + "(%d samples each; max %d / %d ms)%s", creation, revocation, SAMPLES, Collections.max(creation),
                    Collections.max(revocation), pubSub == PubSub.CONNECTIONS_KILLED
                            ? "; pub/sub connections killed: " + kills.get()
                            : "");
        } finally {
            killing.set(false);
            if (killer.isAlive() || pubSub == PubSub.CONNECTIONS_KILLED) {
                killer.join(5_000);
            }
            clientB.shutdown();
        }
    }

    /** Unprotects a payload under an unknown key, so B's one unknown-key read (rate limit: an hour) is used up. */
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

    private static void awaitSubscribers(int count) {
        Instances.millisUntil(() -> {
            List<?> reply = (List<?>) redis.command("PUBSUB", "NUMSUB", Instances.LIST + ":changes");
            return reply.size() == 2 && ((Long) reply.get(1)) >= count;
        }, Duration.ofSeconds(5));
    }
}
