package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class DeleteKeysTest {

    @Test
    void deletingKeys_removesThemAndOnlyTheRevocationsTheyMadeObsolete() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .autoGenerateKeys(false).backgroundRefresh(false).build()) {
            KeyManager keys = provider.keyManager();
            Key old = keys.createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(90)));
            clock.advance(Duration.ofDays(1));
            Key kept = keys.createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(90)));
            keys.revokeKey(old.id(), "old");
            keys.revokeKey(kept.id(), "kept but revoked");
            assertThat(store.readAll()).hasSize(4);

            int deleted = keys.deleteKeys(k -> k.id().equals(old.id()));

            assertThat(deleted).isEqualTo(1);
            assertThat(keys.getAllKeys()).extracting(Key::id).containsExactly(kept.id());
            assertThat(keys.getAllKeys().get(0).isRevoked()).as("its revocation survives").isTrue();
            assertThat(store.readAll()).hasSize(2);
        }
    }

    @Test
    void deletingNothing_changesNothing() {
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .backgroundRefresh(false).build()) {
            assertThat(provider.keyManager().deleteKeys(k -> k.expirationDate().isBefore(Instant.EPOCH))).isZero();
            assertThat(store.readAll()).hasSize(1);
        }
    }
}
