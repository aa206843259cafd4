package io.quarkiverse.dataprotection.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/** {@link RandomSource#secure()} draws from several generators at once and never repeats itself across them. */
class StripedSecureRandomTest {

    @Test
    void stripeCount_isAPowerOfTwo_ofAtLeastTwicePerProcessor_andIsChecked() {
        StripedSecureRandom random = StripedSecureRandom.forThisMachine();
        int processors = Runtime.getRuntime().availableProcessors();

        assertThat(Integer.bitCount(random.stripeCount())).isEqualTo(1);
        assertThat(random.stripeCount()).isGreaterThanOrEqualTo(Math.min(64, 2 * processors)).isLessThanOrEqualTo(64);
        assertThatThrownBy(() -> new StripedSecureRandom(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two").hasMessageContaining("3");
    }

    @Test
    void manyThreadsDrawingAtOnce_neverGetTheSameBytes() throws Exception {
        RandomSource random = new StripedSecureRandom(4); // fewer stripes than threads: stripes are shared too
        Set<String> drawn = ConcurrentHashMap.newKeySet();
        int threads = 16;
        int draws = 2_000;
        runConcurrently(threads, () -> {
            for (int i = 0; i < draws; i++) {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                drawn.add(HexFormat.of().formatHex(bytes));
            }
        });
        assertThat(drawn).hasSize(threads * draws);
    }

    @Test
    void concurrentProtects_drawDistinctKeyModifiersAndIvs() throws Exception {
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(new InMemoryXmlRepository())
                .backgroundRefresh(false).build()) {
            DataProtector protector = provider.createProtector("p");
            Set<String> keyModifiers = ConcurrentHashMap.newKeySet();
            Set<String> ivs = ConcurrentHashMap.newKeySet();
            int threads = 8;
            int protects = 1_000;
            runConcurrently(threads, () -> {
                for (int i = 0; i < protects; i++) {
                    byte[] payload = protector.protect(new byte[] { 1 });
                    // magic (4) || key id (16) || key modifier (16) || IV (16) || ciphertext || MAC
                    keyModifiers.add(HexFormat.of().formatHex(payload, 20, 36));
                    ivs.add(HexFormat.of().formatHex(payload, 36, 52));
                }
            });
            assertThat(keyModifiers).hasSize(threads * protects);
            assertThat(ivs).hasSize(threads * protects);
        }
    }

    private static void runConcurrently(int threads, Runnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    task.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
