package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Elements a hostile or buggy writer may leave in a shared ring that are readable but suspicious: the same key id with
 * two different master keys, a master key shorter than 512 bits, an element of an unknown kind.
 */
class SuspiciousElementsTest {

    private static final Instant CREATED = Instant.parse("2026-04-01T00:00:00Z");

    final MutableClock clock = MutableClock.at("2026-04-02T00:00:00Z");
    final InMemoryXmlRepository store = new InMemoryXmlRepository();

    @Test
    void duplicateIdWithAnotherMasterKey_appearingLater_theRunningInstanceKeepsTheCopyItHolds_andReportsIt() {
        UUID id = UUID.randomUUID();
        store.add(keyXml(id, 1), "key-" + id);
        try (DataProtectionProvider running = provider()) {
            DataProtector protector = running.createProtector("p");
            byte[] payload = protector.protect(new byte[] { 1 });
            assertThat(PayloadFormat.readKeyId(payload)).isEqualTo(id);

            store.add(keyXml(id, 2), "key-" + id);
            clock.advance(Duration.ofMinutes(2));
            assertThat(protector.unprotect(protector.protect(new byte[] { 2 }))).containsExactly(2);
            assertThat(protector.unprotect(payload)).containsExactly(1);
            assertThat(running.status().warnings()).singleElement().asString().contains(id.toString())
                    .contains("different master keys").contains("keeps the copy it already holds");
        }
    }

    @Test
    void duplicateIdWithDifferentMasterKeys_inEitherOrder_aNewInstanceTrustsNeitherCopy() {
        UUID id = UUID.randomUUID();
        for (List<Integer> order : List.of(List.of(1, 2), List.of(2, 1))) {
            InMemoryXmlRepository conflicting = new InMemoryXmlRepository();
            order.forEach(seed -> conflicting.add(keyXml(id, seed), "key-" + id));
            try (DataProtectionProvider fresh = DataProtectionProvider.builder().repository(conflicting).clock(clock)
                    .backgroundRefresh(false).build()) {
                assertThat(fresh.status().unusableKeys()).singleElement().asString().contains(id.toString())
                        .contains("conflicting copies");
                assertThat(fresh.status().warnings()).singleElement().asString().contains("neither copy is trusted");
                assertThatThrownBy(() -> fresh.createProtector("p").protect(new byte[] { 1 }))
                        .isInstanceOf(DataProtectionException.class);
                assertThat(conflicting.readAll()).as("nothing created or deleted").hasSize(2);
            }
        }
    }

    @Test
    void duplicateIdWithTheSameMasterKey_asAReEncryptionLeavesIt_isOneKey_withoutWarning() {
        UUID id = UUID.randomUUID();
        store.add(keyXml(id, 1), "key-" + id);
        store.add(keyXml(id, 1).replace("<key ", "<key  "), "key-" + id); // another serialization, same key
        try (DataProtectionProvider provider = provider()) {
            assertThat(PayloadFormat.readKeyId(provider.createProtector("p").protect(new byte[] { 1 }))).isEqualTo(id);
            assertThat(provider.status().warnings()).isEmpty();
            assertThat(provider.status().keyCount()).isEqualTo(1);
        }
    }

    @Test
    void oneByteMasterKey_isUsedAsASP_NETWould_butReported() {
        UUID id = UUID.randomUUID();
        store.add(KeyXml.writeKey(id, CREATED, CREATED, CREATED.plus(Duration.ofDays(90)), AlgorithmConfiguration.DEFAULT,
                Secret.copyOf(new byte[] { 42 }), null), "key-" + id);
        try (DataProtectionProvider provider = provider()) {
            DataProtector protector = provider.createProtector("p");
            byte[] payload = protector.protect(new byte[] { 1 });
            assertThat(PayloadFormat.readKeyId(payload)).as("the default key, as ASP.NET picks it").isEqualTo(id);
            assertThat(protector.unprotect(payload)).containsExactly(1);
            assertThat(provider.status().warnings()).singleElement().asString().contains(id.toString())
                    .contains("8-bit master key");
        }
    }

    @Test
    void elementOfAnUnknownKind_isSkipped_reportedByName_andTheRingIsUsed() {
        store.add("<settings version=\"1\"><color>blue</color></settings>", "settings");
        try (DataProtectionProvider provider = provider()) {
            assertThat(provider.createProtector("p").protect(new byte[] { 1 })).isNotEmpty();
            assertThat(provider.status().isReady()).isTrue();
            assertThat(provider.status().warnings()).singleElement().asString().contains("settings#1")
                    .contains("skipped").doesNotContain("blue");
        }
    }

    private DataProtectionProvider provider() {
        return DataProtectionProvider.builder().repository(store).clock(clock).refreshPeriod(Duration.ofMinutes(1))
                .backgroundRefresh(false).build();
    }

    private static String keyXml(UUID id, int seed) {
        byte[] master = new byte[64];
        java.util.Arrays.fill(master, (byte) seed);
        return KeyXml.writeKey(id, CREATED, CREATED, CREATED.plus(Duration.ofDays(90)), AlgorithmConfiguration.DEFAULT,
                Secret.copyOf(master), null);
    }
}
