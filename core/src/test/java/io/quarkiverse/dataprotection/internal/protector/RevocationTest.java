package io.quarkiverse.dataprotection.internal.protector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.UnprotectResult;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

class RevocationTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private DataProtectionProvider provider;
    private DataProtector protector;

    @BeforeEach
    void start() {
        provider = DataProtectionProvider.builder().applicationName("app").repository(new InMemoryXmlRepository()).clock(clock)
                .backgroundRefresh(false).build();
        protector = provider.createProtector("persisted");
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void payloadUnderDefaultKey_needsNoMigration() {
        UnprotectResult result = protector.unprotectPersisted(protector.protect(new byte[] { 7 }), false);
        assertThat(result.plaintext()).containsExactly(7);
        assertThat(result.requiresMigration()).isFalse();
        assertThat(result.wasRevoked()).isFalse();
    }

    @Test
    void revokedKey_failsNamingTheKey_andPersistedUnprotectStillReadsIt() {
        byte[] payload = protector.protect(new byte[] { 7 });
        UUID keyId = PayloadFormat.readKeyId(payload);
        clock.advance(Duration.ofSeconds(1));
        provider.keyManager().revokeKey(keyId, "compromised");

        assertThatThrownBy(() -> protector.unprotect(payload)).isInstanceOf(DataProtectionException.class)
                .hasMessage("The key " + keyId + " has been revoked");
        assertThatThrownBy(() -> protector.unprotectPersisted(payload, false)).hasMessageContaining("revoked");

        UnprotectResult result = protector.unprotectPersisted(payload, true);
        assertThat(result.plaintext()).containsExactly(7);
        assertThat(result.wasRevoked()).isTrue();
        assertThat(result.requiresMigration()).isTrue();
    }

    @Test
    void revokedDefaultKey_isReplacedByANewKeyActiveAtOnce() {
        UUID first = provider.status().defaultKeyId().orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        provider.keyManager().revokeKey(first, "rotate now");

        byte[] payload = protector.protect(new byte[] { 1 });
        UUID second = PayloadFormat.readKeyId(payload);
        assertThat(second).isNotEqualTo(first);
        assertThat(provider.keyManager().getAllKeys()).hasSize(2)
                .anySatisfy(k -> assertThat(k.id()).isEqualTo(first))
                .filteredOn(Key::isRevoked).extracting(Key::id).containsExactly(first);
    }

    @Test
    void revokeAllKeys_revokesKeysCreatedBefore() {
        byte[] payload = protector.protect(new byte[] { 1 });
        clock.advance(Duration.ofSeconds(1));
        provider.keyManager().revokeAllKeys(clock.instant().minusMillis(500), "everything before now");
        assertThatThrownBy(() -> protector.unprotect(payload)).hasMessageContaining("has been revoked");
        assertThat(protector.unprotect(protector.protect(new byte[] { 2 }))).containsExactly(2);
    }

    @Test
    void payloadUnderOlderKey_requiresMigration() {
        byte[] old = protector.protect(new byte[] { 3 });
        clock.advance(Duration.ofSeconds(1));
        provider.keyManager().createNewKey(clock.instant(), clock.instant().plus(Duration.ofDays(90)));
        // the new key activates now, so it is the default at once (propagated or not)
        UnprotectResult result = protector.unprotectPersisted(old, false);
        assertThat(result.plaintext()).containsExactly(3);
        assertThat(result.requiresMigration()).isTrue();
        assertThat(result.wasRevoked()).isFalse();
    }
}
