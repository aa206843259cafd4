package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.DelayStrategy;

import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * A Redis outage longer than the point where Redisson 3.52's default reconnection delay overflows (attempt 57 of
 * its defaults, about six minutes; attempt 63 whatever the base). The outage is counted in reconnection attempts,
 * not minutes: the client runs {@link ReconnectionDelay}, the strategy {@link RedissonClients} configures, with a
 * 20 ms cap instead of 2 s, so 80 attempts pass within seconds. (The same test with Redisson's
 * {@code EqualJitterDelay(1 ms, 20 ms)} sees the watchdog throw at attempt 63, and every read still fails 30 s after
 * Redis is back.)
 */
class RedisReconnectionTest {

    /** Past attempt 63, where {@code 1L << attempt} turns negative in Redisson's strategy whatever its base. */
    private static final int ATTEMPTS = 80;

    @Test
    @Timeout(120)
    void redisDownFor80ReconnectionAttempts_clientReconnectsOnceRedisIsBack() {
        try (RedisServer redis = RedisServers.standalone()) {
            Counting delay = new Counting(new ReconnectionDelay(Duration.ofMillis(1), Duration.ofMillis(20)));
            Config config = RedissonClients.config(RedisXmlRepositoryOutageTest.fastFailing(redis.uri()));
            config.useSingleServer().setReconnectionDelay(delay);
            RedissonClient client = Redisson.create(config);
            try {
                RedisXmlRepository store = new RedisXmlRepository(client, "dp-reconnect");
                store.add("<key id=\"1\"/>", "key-1");

                long killed = System.nanoTime();
                redis.kill();
                // Counted in attempts, not time: each takes about 100 ms here (Redisson's timer tick), so ~8 s.
                await(() -> delay.highestAttempt.get() >= ATTEMPTS, Duration.ofSeconds(60));
                long outageMillis = (System.nanoTime() - killed) / 1_000_000;
                redis.restart(); // empty: no persistence
                long restarted = System.nanoTime();
                redis.rpush("dp-reconnect", "<key id=\"2\"/>");

                assertThat(awaitReadable(store, Duration.ofSeconds(30))).extracting(StoredElement::xml)
                        .containsExactly("<key id=\"2\"/>");
                Measurements.record("reconnection", "Redis down %d ms (%d reconnection attempts, cap 20 ms); first "
                        + "successful read %d ms after the restart", outageMillis, delay.highestAttempt.get(),
                        (System.nanoTime() - restarted) / 1_000_000);
                assertThat(delay.failure.get()).as("the strategy never threw").isNull();
            } finally {
                client.shutdown();
            }
        }
    }

    /** Records the highest attempt number Redisson asked for, and whether the strategy threw. */
    private static final class Counting implements DelayStrategy {
        final AtomicInteger highestAttempt = new AtomicInteger(-1);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final DelayStrategy delegate;

        Counting(DelayStrategy delegate) {
            this.delegate = delegate;
        }

        @Override
        public Duration calcDelay(int attempt) {
            highestAttempt.accumulateAndGet(attempt, Math::max);
            try {
                return delegate.calcDelay(attempt);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                throw e;
            }
        }
    }

    private static List<StoredElement> awaitReadable(RedisXmlRepository store, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return store.readAll();
            } catch (XmlRepositoryException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", timeout).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
