package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class RetentionAndListenerTest {

    @Test
    void retention_deletesOnlyKeysExpiredLongerThanThePeriod() throws Exception {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider setup = DataProtectionProvider.builder().repository(store).clock(clock)
                .autoGenerateKeys(false).backgroundRefresh(false).build()) {
            KeyManager keys = setup.keyManager();
            keys.createNewKey(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z"));
            keys.createNewKey(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2025-12-15T00:00:00Z"));
            keys.createNewKey(Instant.parse("2025-12-15T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
        }
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .refreshPeriod(Duration.ofMillis(50)).keyRetention(Duration.ofDays(90)).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (provider.keyManager().getAllKeys().size() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<Instant> expirations = provider.keyManager().getAllKeys().stream().map(Key::expirationDate).sorted().toList();
            assertThat(expirations).containsExactly(Instant.parse("2025-12-15T00:00:00Z"),
                    Instant.parse("2026-03-01T00:00:00Z"));
        }
    }

    @Test
    void retentionOff_byDefault_keepsEveryKey() {
        MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .autoGenerateKeys(false).backgroundRefresh(false).build()) {
            provider.keyManager().createNewKey(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-03-01T00:00:00Z"));
            assertThat(provider.keyManager().getAllKeys()).hasSize(1);
        }
    }

    @Test
    void listener_countsOperationsFailuresAndRefreshes() {
        Map<DataProtectionListener.Failure, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicInteger protects = new AtomicInteger();
        AtomicInteger unprotects = new AtomicInteger();
        AtomicInteger refreshes = new AtomicInteger();
        DataProtectionListener listener = new DataProtectionListener() {
            @Override
            public void onProtect() {
                protects.incrementAndGet();
            }

            @Override
            public void onUnprotect() {
                unprotects.incrementAndGet();
            }

            @Override
            public void onFailure(Failure reason) {
                failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void onKeyRingRefresh(boolean success) {
                refreshes.incrementAndGet();
            }
        };
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(new InMemoryXmlRepository())
                .clock(clock).listener(listener).backgroundRefresh(false).build()) {
            DataProtector protector = provider.createProtector("p");
            byte[] payload = protector.protect(new byte[] { 1 });
            protector.unprotect(payload);
            byte[] tampered = payload.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> protector.unprotect(tampered));
            byte[] unknown = payload.clone();
            unknown[5] ^= 1;
            assertThatThrownBy(() -> protector.unprotect(unknown));
            byte[] timed = protector.toTimeLimited().protect(new byte[] { 2 }, Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));
            assertThatThrownBy(() -> protector.toTimeLimited().unprotect(timed));

            assertThat(protects).hasValue(2);
            assertThat(unprotects).hasValue(2); // the plain one and the inner one of the expired payload
            assertThat(failures.get(DataProtectionListener.Failure.INVALID_PAYLOAD)).hasValue(1);
            assertThat(failures.get(DataProtectionListener.Failure.UNKNOWN_KEY)).hasValue(1);
            assertThat(failures.get(DataProtectionListener.Failure.EXPIRED)).hasValue(1);
            assertThat(refreshes.get()).isGreaterThanOrEqualTo(1);
        }
    }
}
