package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * A revoked key activating just after the default key expires shadows every successor ASP.NET's rule creates (they
 * activate exactly at the expiry), so the rule asks again at every refresh: once a day in ASP.NET, every few minutes
 * here. One successor per default key and instance; the rest is reported.
 */
class ShadowedSuccessorTest {

    @Test
    void revokedKeyShadowingTheSuccessor_oneSuccessorIsCreated_notOnePerRefresh_andTheStatusSaysWhy() {
        MutableClock clock = MutableClock.at("2026-08-01T00:00:00Z");
        Instant now = clock.instant();
        InMemoryXmlRepository store = new InMemoryXmlRepository();
        try (DataProtectionProvider setup = DataProtectionProvider.builder().repository(store).clock(clock)
                .autoGenerateKeys(false).backgroundRefresh(false).build()) {
            Key current = setup.keyManager().createNewKey(now.minus(Duration.ofDays(88)), now.plus(Duration.ofDays(2)));
            Key shadow = setup.keyManager().createNewKey(current.expirationDate().plus(Duration.ofMinutes(1)),
                    now.plus(Duration.ofDays(90)));
            setup.keyManager().revokeKey(shadow.id(), "replaced");
        }
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).clock(clock)
                .refreshPeriod(Duration.ofMinutes(5)).backgroundRefresh(false).build()) {
            assertThat(provider.status().keyCount()).as("one successor created").isEqualTo(3);
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofMinutes(6));
                provider.createProtector("p").protect(new byte[] { 1 });
            }
            assertThat(provider.status().keyCount()).as("not one per refresh").isEqualTo(3);
            assertThat(provider.status().keyCreationBlocked()).get().asString().contains("another successor");
        }
    }
}
