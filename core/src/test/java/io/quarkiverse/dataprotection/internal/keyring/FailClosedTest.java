package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.FaultyKeyStore;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class FailClosedTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final FaultyKeyStore store = new FaultyKeyStore();

    private DataProtectionProvider provider() {
        return DataProtectionProvider.builder().repository(store).clock(clock).refreshPeriod(Duration.ofMinutes(1))
                .backgroundRefresh(false).build();
    }

    @Test
    void failedRefresh_keepsServingTheCachedRing_andCreatesNoKey() {
        try (DataProtectionProvider provider = provider()) {
            DataProtector protector = provider.createProtector("p");
            byte[] before = protector.protect(new byte[] { 1 });
            int adds = store.adds.get();

            store.mode(FaultyKeyStore.Mode.FAILING);
            clock.advance(Duration.ofMinutes(2));
            int reads = store.reads.get();
            byte[] during = protector.protect(new byte[] { 2 });
            assertThat(store.reads.get()).as("the store was tried").isGreaterThan(reads);
            assertThat(protector.unprotect(before)).containsExactly(1);
            assertThat(protector.unprotect(during)).containsExactly(2);
            assertThat(store.adds.get()).isEqualTo(adds);
            KeyRingStatus status = provider.status();
            assertThat(status.isReady()).isTrue();
            assertThat(status.lastRefreshError()).get().asString().contains("simulated outage");
            assertThat(status.lastSuccessfulRefresh()).contains(java.time.Instant.parse("2026-01-01T00:00:00Z"));

            store.mode(FaultyKeyStore.Mode.WORKING);
            clock.advance(Duration.ofMinutes(2));
            protector.protect(new byte[] { 3 });
            assertThat(provider.status().lastRefreshError()).isEmpty();
        }
    }

    @Test
    void storeThatLostItsKeys_isRestoredFromTheLastRead_withTheSameIds_andStaysReady() {
        InMemoryXmlRepository backing = new InMemoryXmlRepository();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(backing).clock(clock)
                .refreshPeriod(Duration.ofMinutes(1)).backgroundRefresh(false).build()) {
            DataProtector protector = provider.createProtector("p");
            byte[] before = protector.protect(new byte[] { 1 });
            provider.keyManager().revokeKey(java.util.UUID.randomUUID(), "a revocation is restored too");
            protector.protect(new byte[] { 0 });
            List<String> stored = xmlOf(backing);

            backing.remove(backing.readAll()); // FLUSHALL
            clock.advance(Duration.ofMinutes(2));
            assertThat(protector.unprotect(before)).containsExactly(1);
            protector.protect(new byte[] { 2 });

            assertThat(xmlOf(backing)).as("exactly the elements read, once, no new key").containsExactlyElementsOf(stored);
            KeyRingStatus status = provider.status();
            assertThat(status.isReady()).isTrue();
            assertThat(status.fault()).isEmpty();
            assertThat(status.lastKeyLoss()).get().satisfies(loss -> {
                assertThat(loss.lostElements()).isEqualTo(2);
                assertThat(loss.restoredElements()).isEqualTo(2);
            });
        }
    }

    @Test
    void storeThatDropsWrites_afterOneRestore_isAFault_neverALoopOfAppends_norAReasonToCreateAKey() {
        try (DataProtectionProvider provider = provider()) {
            DataProtector protector = provider.createProtector("p");
            byte[] before = protector.protect(new byte[] { 1 });
            int adds = store.adds.get();

            store.mode(FaultyKeyStore.Mode.EMPTY);
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(2));
                assertThat(protector.unprotect(protector.protect(new byte[] { 2 }))).containsExactly(2);
            }
            assertThat(protector.unprotect(before)).containsExactly(1);
            assertThat(store.adds.get()).as("the one lost key appended once, nothing created").isEqualTo(adds + 1);
            assertThat(provider.status().fault()).get().asString().contains("does not return them");
            assertThat(provider.status().isReady()).as("a store that drops writes is a fault").isFalse();

            store.mode(FaultyKeyStore.Mode.WORKING);
            clock.advance(Duration.ofMinutes(2));
            protector.protect(new byte[] { 3 });
            assertThat(provider.status().isReady()).as("keys are back").isTrue();
            assertThat(provider.status().fault()).isEmpty();
        }
    }

    @Test
    void emptiedStore_withRestoreOff_staysAFault_untilAnOperatorAcceptsIt() {
        InMemoryXmlRepository backing = new InMemoryXmlRepository();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(backing).clock(clock)
                .refreshPeriod(Duration.ofMinutes(1)).backgroundRefresh(false).restoreLostKeys(false).build()) {
            byte[] before = provider.createProtector("p").protect(new byte[] { 1 });
            backing.remove(backing.readAll()); // FLUSHALL
            clock.advance(Duration.ofMinutes(2));
            assertThat(provider.createProtector("p").unprotect(before)).as("cached keys keep serving").containsExactly(1);
            assertThat(backing.readAll()).as("no key minted").isEmpty();
            assertThat(provider.status().isReady()).isFalse();
            assertThat(provider.status().fault()).get().asString().contains("returned no keys");

            provider.keyManager().acceptEmptyStore();
            provider.createProtector("p").protect(new byte[] { 2 });
            assertThat(backing.readAll()).hasSize(1);
            assertThat(provider.status().isReady()).isTrue();
        }
    }

    private static List<String> xmlOf(InMemoryXmlRepository store) {
        return store.readAll().stream().map(e -> e.xml()).toList();
    }

    @Test
    void unreadableStoreAtStart_createsNoKey_andRecoversWhenItComesBack() {
        store.mode(FaultyKeyStore.Mode.FAILING);
        try (DataProtectionProvider provider = provider()) {
            assertThat(provider.status().isReady()).isFalse();
            assertThat(store.adds.get()).isZero();
            DataProtector protector = provider.createProtector("p");
            assertThatThrownBy(() -> protector.protect(new byte[] { 1 })).isInstanceOf(DataProtectionException.class)
                    .hasMessageContaining("no usable default key");

            store.mode(FaultyKeyStore.Mode.WORKING);
            clock.advance(Duration.ofSeconds(11));
            assertThat(protector.unprotect(protector.protect(new byte[] { 1 }))).containsExactly(1);
            assertThat(provider.status().isReady()).isTrue();
        }
    }

    @Test
    void defaultKeyRevokedHere_whileTheStoreCannotBeReadBack_isNeverUsedHereAgain() {
        try (DataProtectionProvider provider = provider()) {
            DataProtector protector = provider.createProtector("p");
            byte[] before = protector.protect(new byte[] { 1 });
            store.mode(FaultyKeyStore.Mode.READS_FAILING);
            provider.keyManager().revokeKey(provider.status().defaultKeyId().orElseThrow(), "compromised");

            assertThatThrownBy(() -> protector.protect(new byte[] { 2 })).isInstanceOf(DataProtectionException.class)
                    .hasMessageContaining("no usable default key");
            assertThatThrownBy(() -> protector.unprotect(before)).hasMessageContaining("has been revoked");
            assertThat(provider.status().lastRefreshError()).get().asString().contains("simulated outage");
        }
    }

    @Test
    void unknownKeyRefresh_worksAtAnyTime_andIsRateLimited() {
        MutableClock clockOfA = MutableClock.at("2026-01-01T00:00:00Z");
        try (DataProtectionProvider a = DataProtectionProvider.builder().repository(store).clock(clockOfA)
                .backgroundRefresh(false).build();
                DataProtectionProvider b = DataProtectionProvider.builder().repository(store).clock(clock)
                        .refreshPeriod(Duration.ofDays(30)).unknownKeyRefreshInterval(Duration.ofHours(1))
                        .backgroundRefresh(false).build()) {
            clock.advance(Duration.ofDays(3)); // long after start: no "first minutes only" rule
            clockOfA.advance(Duration.ofDays(3));
            b.createProtector("p").protect(new byte[] { 0 });
            a.keyManager().createNewKey(clockOfA.instant(), clockOfA.instant().plus(Duration.ofDays(30)));
            // the newest active key is the default at once, propagated or not: A protects with a key B has not read
            byte[] payload = a.createProtector("p").protect(new byte[] { 5 });
            assertThat(b.status().keyCount()).isEqualTo(1);

            int reads = store.reads.get();
            assertThat(b.createProtector("p").unprotect(payload)).containsExactly(5);
            assertThat(store.reads.get()).as("one read for the unknown key").isEqualTo(reads + 1);
            assertThat(b.status().keyCount()).isEqualTo(2);

            byte[] bogus = payload.clone();
            bogus[10] ^= 1;
            assertThatThrownBy(() -> b.createProtector("p").unprotect(bogus)).hasMessageContaining("was not found");
            assertThatThrownBy(() -> b.createProtector("p").unprotect(bogus)).hasMessageContaining("was not found");
            assertThat(store.reads.get()).as("no read within the rate limit").isEqualTo(reads + 1);
        }
    }
}
