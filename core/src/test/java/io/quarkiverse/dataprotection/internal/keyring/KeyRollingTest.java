package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.UnprotectResult;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class KeyRollingTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InMemoryXmlRepository store = new InMemoryXmlRepository();
    private DataProtectionProvider provider;

    @BeforeEach
    void start() {
        provider = DataProtectionProvider.builder().applicationName("app").repository(store).clock(clock)
                .refreshPeriod(Duration.ofHours(1)).backgroundRefresh(false).build();
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void firstStart_createsOneKeyActiveNowFor90Days() {
        List<Key> keys = provider.keyManager().getAllKeys();
        assertThat(keys).hasSize(1);
        Key key = keys.get(0);
        assertThat(key.activationDate()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(key.expirationDate()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(provider.status().defaultKeyId()).contains(key.id());
        assertThat(provider.status().isReady()).isTrue();
    }

    @Test
    void nearExpiry_successorIsCreatedOnce_andTakesOverAtExpiry() {
        DataProtector protector = provider.createProtector("rolling");
        byte[] oldPayload = protector.protect(new byte[] { 1 });
        UUID first = PayloadFormat.readKeyId(oldPayload);

        clock.set(Instant.parse("2026-03-30T12:00:00Z")); // inside the 2-day window before 2026-04-01
        assertThat(PayloadFormat.readKeyId(protector.protect(new byte[] { 2 }))).isEqualTo(first);
        List<Key> keys = sorted(provider.keyManager().getAllKeys());
        assertThat(keys).hasSize(2);
        Key successor = keys.get(1);
        assertThat(successor.activationDate()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));

        clock.set(Instant.parse("2026-03-31T00:00:00Z"));
        protector.protect(new byte[] { 3 });
        assertThat(provider.keyManager().getAllKeys()).as("no second successor").hasSize(2);

        clock.set(Instant.parse("2026-04-01T00:00:01Z"));
        byte[] newPayload = protector.protect(new byte[] { 4 });
        assertThat(PayloadFormat.readKeyId(newPayload)).isEqualTo(successor.id());
        UnprotectResult old = protector.unprotectPersisted(oldPayload, false);
        assertThat(old.plaintext()).containsExactly(1);
        assertThat(old.requiresMigration()).isTrue();
        assertThat(provider.keyManager().getAllKeys()).hasSize(2);
    }

    @Test
    void allKeysExpired_newKeyActivatesImmediately() {
        clock.set(Instant.parse("2026-06-01T00:00:00Z"));
        byte[] payload = provider.createProtector("p").protect(new byte[] { 1 });
        Key key = provider.keyManager().getAllKeys().stream()
                .filter(k -> k.id().equals(PayloadFormat.readKeyId(payload))).findFirst().orElseThrow();
        assertThat(key.activationDate()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(provider.keyManager().getAllKeys()).hasSize(2);
    }

    @Test
    void autoGenerationOff_noKeyIsCreated() {
        try (DataProtectionProvider manual = DataProtectionProvider.builder().repository(new InMemoryXmlRepository())
                .autoGenerateKeys(false).backgroundRefresh(false).clock(clock).build()) {
            assertThat(manual.status().isReady()).isFalse();
            assertThat(manual.keyManager().getAllKeys()).isEmpty();
            manual.keyManager().createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(10)));
            // the key manager's change is seen by the next use of the ring (no upward call into the cache)
            assertThat(manual.createProtector("p").protect(new byte[] { 1 })).isNotEmpty();
            assertThat(manual.status().isReady()).isTrue();
        }
    }

    @Test
    void keyLifetime_isConfigurable() {
        try (DataProtectionProvider shortLived = DataProtectionProvider.builder().repository(new InMemoryXmlRepository())
                .keyLifetime(Duration.ofDays(7)).backgroundRefresh(false).clock(clock).build()) {
            Key key = shortLived.keyManager().getAllKeys().get(0);
            assertThat(Duration.between(key.activationDate(), key.expirationDate())).isEqualTo(Duration.ofDays(7));
        }
    }

    private static List<Key> sorted(List<Key> keys) {
        return keys.stream().sorted(Comparator.comparing(Key::activationDate)).toList();
    }
}
