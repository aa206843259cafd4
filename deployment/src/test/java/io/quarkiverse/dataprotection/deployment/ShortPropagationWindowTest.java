package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With a propagation window of 1 second, a successor is due only once the default key expires within 24 hours and
 * 1 second (ASP.NET: 24 hours and 2 days). The window never delays a new key: the most recently activated key is the
 * default at once, as in current ASP.NET Core.
 */
class ShortPropagationWindowTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.propagation-window", "1S")
            .overrideConfigKey("quarkus.data-protection.refresh-period", "1S");

    @Inject
    KeyManager keyManager;

    @Inject
    DataProtectionProvider provider;

    @Test
    void newKeyIsTheDefaultAtOnce_andGetsASuccessorOnlyWhenExpiringWithin24HoursPlusTheWindow() {
        assertThat(keyManager.getAllKeys()).hasSize(1);
        Instant now = Instant.now();
        Key lasting = keyManager.createNewKey(now, now.plus(Duration.ofHours(36)));
        assertThat(provider.refresh().defaultKeyId()).as("newest active key").contains(lasting.id());
        assertThat(keyManager.getAllKeys()).as("36 h is past 24 h + 1 s (a 2-day window would want a successor)")
                .hasSize(2);

        Instant later = Instant.now();
        Key shortLived = keyManager.createNewKey(later, later.plus(Duration.ofHours(24)));
        assertThat(provider.refresh().defaultKeyId()).contains(shortLived.id());
        assertThat(keyManager.getAllKeys()).as("a successor activating when the 24-hour key expires").hasSize(4)
                .anySatisfy(k -> assertThat(k.activationDate()).isEqualTo(shortLived.expirationDate()));
    }
}
