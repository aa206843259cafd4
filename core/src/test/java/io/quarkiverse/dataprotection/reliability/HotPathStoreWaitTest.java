package io.quarkiverse.dataprotection.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.FaultyKeyStore;

/**
 * With background refresh, protect and unprotect never wait for a hanging store while the cached default key is
 * good: the due refresh runs on the background thread. (Before, the first caller after each refresh period read
 * the store inline and waited out the client's whole timeout: 1.8 s per retry interval in the Redis outage test.)
 */
class HotPathStoreWaitTest {

    @Test
    @Timeout(30)
    void storeHangingUnderBackgroundRefresh_operationsDoNotWait_andTheFailureIsReported() throws InterruptedException {
        FaultyKeyStore store = new FaultyKeyStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .refreshPeriod(Duration.ofMillis(200)).build()) {
            DataProtector protector = provider.createProtector("hot-path");
            byte[] known = protector.protect(new byte[] { 1 });
            store.hangThenFail(Duration.ofMillis(1_500));
            long slowest = 0;
            long operations = 0;
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                assertThat(protector.unprotect(protector.protect(new byte[] { 2 }))).containsExactly(2);
                assertThat(protector.unprotect(known)).containsExactly(1);
                slowest = Math.max(slowest, System.nanoTime() - start);
                operations += 3;
                Thread.sleep(2);
            }
            Measurements.record("hot path", "store hanging 1.5 s per read, refresh period 200 ms: %d operations, "
                    + "slowest round of 3 operations %d ms; lastRefreshError %s; ready %s", operations,
                    slowest / 1_000_000, provider.status().lastRefreshError().orElse("(none)"),
                    provider.status().isReady());
            assertThat(slowest / 1_000_000).as("slowest operation round (ms)").isLessThan(500);
            assertThat(provider.status().lastRefreshError()).get().asString().contains("simulated outage of the test store");
            assertThat(provider.status().isReady()).isTrue();
        }
    }
}
