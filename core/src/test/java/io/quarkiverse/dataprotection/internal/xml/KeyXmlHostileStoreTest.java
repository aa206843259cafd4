package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Issue 9 item 1 through a whole provider: an element nested 1,786 levels deep once made {@code build()} throw
 * {@code StackOverflowError}, and an unknown-key {@code unprotect} threw it out of the API.
 */
class KeyXmlHostileStoreTest {

    private static final String DEEP_KEY_ID = "0b6f2c7e-3d1a-4c55-9e8f-2a7b6c5d4e3f";

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final InMemoryXmlRepository store = new InMemoryXmlRepository();

    private DataProtectionProvider provider() {
        return DataProtectionProvider.builder().repository(store).clock(clock).refreshPeriod(Duration.ofMinutes(1))
                .backgroundRefresh(false).build();
    }

    private static String deepKey() {
        return KeyXmlHostileTest.key(DEEP_KEY_ID, KeyXmlHostileTest.MASTER_KEY, KeyXmlHostileTest.nested("a", 1786, ""));
    }

    @Test
    void keyNested1786DeepInTheStore_buildSucceeds_andTheElementIsUnreadable() {
        byte[] payload;
        try (DataProtectionProvider first = provider()) {
            payload = first.createProtector("p").protect(bytes("hello"));
        }
        store.add(deepKey(), "key-" + DEEP_KEY_ID);

        try (DataProtectionProvider provider = provider()) {
            assertThat(provider.createProtector("p").unprotect(payload)).isEqualTo(bytes("hello"));
            assertThat(provider.keyManager().getAllKeys()).extracting(Key::id)
                    .doesNotContain(UUID.fromString(DEEP_KEY_ID));
            assertThat(provider.status().unreadableElements()).isEqualTo(1);
        }
    }

    @Test
    void keyNested1786DeepArrivingLater_unknownKeyUnprotectFailsWithDataProtectionException() {
        try (DataProtectionProvider provider = provider()) {
            DataProtector protector = provider.createProtector("p");
            byte[] known = protector.protect(bytes("known"));
            store.add(deepKey(), "key-" + DEEP_KEY_ID);
            byte[] unknown = known.clone();
            PayloadFormat.writeHeader(unknown, UUID.fromString(DEEP_KEY_ID));

            assertThatThrownBy(() -> protector.unprotect(unknown)).isInstanceOf(DataProtectionException.class)
                    .hasMessageContaining(DEEP_KEY_ID);
            assertThat(protector.unprotect(known)).isEqualTo(bytes("known"));
        }
    }

    /** What the key manager then does with an uninterpretable revocation is its rule (fail closed); no Error escapes. */
    @Test
    void revocationNested20000DeepInTheStore_buildThrowsNoError() {
        store.add(KeyXmlHostileTest.revocation(KeyXmlHostileTest.nested("a", 20_000, "")), "revocation-deep");

        Throwable thrown = catchThrowable(() -> provider().close());

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(DataProtectionException.class);
        }
    }

    /**
     * Issue 9 item 10: a 1-byte master key is accepted and becomes the default, as in ASP.NET (refusing it would
     * make Java and .NET instances pick different default keys); its length is there for health to report.
     */
    @Test
    void oneByteMasterKeyInTheStore_isTheDefaultAndRoundTrips() {
        store.add(KeyXmlHostileTest.key(DEEP_KEY_ID, "AQ==", ""), "key-" + DEEP_KEY_ID);

        try (DataProtectionProvider provider = provider()) {
            assertThat(provider.status().defaultKeyId()).contains(UUID.fromString(DEEP_KEY_ID));
            DataProtector protector = provider.createProtector("p");
            assertThat(protector.unprotect(protector.protect(bytes("short key")))).isEqualTo(bytes("short key"));
        }
        KeyElement element = (KeyElement) KeyXml.parse(store.readAll().get(0).xml());
        assertThat(KeyXml.readDescriptor(element, java.util.List.of()).masterKey().length()).isEqualTo(1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
