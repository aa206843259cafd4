package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;
import org.redisson.config.DelayStrategy;

/**
 * The reconnection delay of the clients {@link RedissonClients} makes. Redisson 3.52's default
 * ({@code EqualJitterDelay(100 ms, 10 s)}) computes {@code base * (1L << attempt)} before capping it, which overflows
 * at reconnection attempt 57, after about six minutes of outage: {@code calcDelay} throws, the connection watchdog
 * stops, and the client never reconnects.
 */
class RedisReconnectionDelayTest {

    private static final RedisConnectionSettings STANDALONE = RedisConnectionSettings.standalone("redis://h:1234");
    private static final RedisConnectionSettings SENTINEL = RedisConnectionSettings.sentinel("m",
            List.of("redis://s:26379"));
    private static final RedisConnectionSettings CLUSTER = RedisConnectionSettings.cluster(List.of("redis://c:7000"));

    @Test
    void redissonsOwnDefault_throwsAtAttempt57_whichIsWhyItIsReplaced() {
        DelayStrategy redissonDefault = new Config().useSingleServer().getReconnectionDelay();

        assertThat(redissonDefault.calcDelay(56)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> redissonDefault.calcDelay(57)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyMode_andTheStrategyForOwnClients_reconnectionDelayIsBoundedByTheCap_forEveryAttemptNumber() {
        List<DelayStrategy> strategies = List.of(single(STANDALONE).getReconnectionDelay(),
                sentinel(SENTINEL).getReconnectionDelay(), cluster(CLUSTER).getReconnectionDelay(),
                RedissonClients.reconnectionDelay());
        for (DelayStrategy delay : strategies) {
            IntStream attempts = IntStream.concat(IntStream.rangeClosed(-1, 10_000),
                    IntStream.of(Integer.MAX_VALUE - 1, Integer.MAX_VALUE, Integer.MIN_VALUE));
            attempts.forEach(attempt -> assertThat(delay.calcDelay(attempt)).as("attempt %d", attempt)
                    .isBetween(Duration.ZERO, RedissonClients.MAX_RECONNECTION_DELAY));
        }
    }

    @Test
    void reconnectionDelay_growsFromTheBaseToTheCap_withJitterInTheUpperHalf() {
        ReconnectionDelay delay = new ReconnectionDelay(Duration.ofMillis(100), Duration.ofSeconds(2));

        for (int i = 0; i < 1_000; i++) {
            assertThat(delay.calcDelay(0).toMillis()).isBetween(50L, 100L);
            assertThat(delay.calcDelay(3).toMillis()).isBetween(400L, 800L);
            assertThat(delay.calcDelay(5).toMillis()).isBetween(1_000L, 2_000L); // 3.2 s, capped at 2 s
            assertThat(delay.calcDelay(64).toMillis()).isBetween(1_000L, 2_000L);
        }
    }

    @Test
    void reconnectionDelay_rejectsABaseAboveTheCap_namingBoth() {
        assertThatThrownBy(() -> new ReconnectionDelay(Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT3S").hasMessageContaining("PT2S");
    }

    private static BaseConfig<?> single(RedisConnectionSettings settings) {
        return RedissonClients.config(settings).useSingleServer();
    }

    private static BaseConfig<?> sentinel(RedisConnectionSettings settings) {
        return RedissonClients.config(settings).useSentinelServers();
    }

    private static BaseConfig<?> cluster(RedisConnectionSettings settings) {
        Config config = RedissonClients.config(settings);
        return config.useClusterServers();
    }
}
