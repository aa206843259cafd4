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

/** With a propagation window of 1 second, a key created now becomes the default as soon as it is 1 second old. */
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
    void newKey_becomesTheDefaultOnceTheShortWindowHasPassed() throws InterruptedException {
        Key first = keyManager.getAllKeys().get(0);
        Thread.sleep(1100); // let the first key propagate, so the new one is not the only candidate
        Instant now = Instant.now();
        Key created = keyManager.createNewKey(now, now.plus(Duration.ofDays(90)));
        assertThat(provider.status().defaultKeyId()).as("not yet propagated").contains(first.id());

        Instant deadline = Instant.now().plusSeconds(10);
        while (!provider.status().defaultKeyId().orElseThrow().equals(created.id()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            provider.createProtector("p").protect(new byte[] { 1 }); // a use after the window re-resolves the ring
        }
        assertThat(provider.status().defaultKeyId()).contains(created.id());
    }
}
