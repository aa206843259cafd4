package io.quarkiverse.dataprotection.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import org.redisson.config.DelayStrategy;

/**
 * How long Redisson waits before reconnection attempt {@code n} of a broken connection: exponential backoff from
 * {@code base}, doubled per attempt up to {@code cap}, with "equal jitter" (a uniformly random delay in the upper
 * half, {@code [ceiling / 2, ceiling]}) so that a fleet reconnecting after an outage does not come back in step.
 * <p>
 * It is bounded by {@code cap} for every {@code int} attempt number, however long an outage lasts: the ceiling is
 * doubled step by step and stops at the cap, never computed as {@code base * 2^n}. Redisson 3.52's own
 * {@code EqualJitterDelay} computes that product first; it overflows at attempt 57 of its defaults (after about six
 * minutes), throws from the connection watchdog and leaves the connection broken for good.
 * <p>
 * Thread-safety: immutable; safe for concurrent use.
 */
final class ReconnectionDelay implements DelayStrategy {

    private final long baseMillis;
    private final long capMillis;

    /**
     * @throws IllegalArgumentException when {@code base} is not positive or is longer than {@code cap}
     */
    ReconnectionDelay(Duration base, Duration cap) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.toMillis() < 1 || base.compareTo(cap) > 0) {
            throw new IllegalArgumentException("The Redis reconnection delay needs 1 ms <= base <= cap, but base is "
                    + base + " and cap " + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
    }

    @Override
    public Duration calcDelay(int attempt) {
        long ceiling = baseMillis;
        for (int i = 0; i < attempt && ceiling < capMillis; i++) {
            // Doubling stops at the cap (after at most 63 steps), so the ceiling never overflows.
            ceiling = ceiling > capMillis / 2 ? capMillis : ceiling * 2;
        }
        long half = ceiling / 2;
        return Duration.ofMillis(ceiling - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    @Override
    public String toString() {
        return "ReconnectionDelay[base=" + baseMillis + " ms, cap=" + capMillis + " ms]";
    }
}
