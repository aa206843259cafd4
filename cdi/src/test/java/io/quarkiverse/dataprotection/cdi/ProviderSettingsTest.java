package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/**
 * Each provider setting of the Quarkus extension's reference, set through {@code quarkus.data-protection.*} in Weld,
 * takes effect on the provider, or fails the start with the message the Quarkus extension gives.
 */
class ProviderSettingsTest {

    static final String P = "quarkus.data-protection.";

    @Test
    void applicationName_isTheRootOfEveryPurposeChain() {
        try (CdiApp app = CdiApp.start(Map.of(P + "application-name", "orders-service"))) {
            assertThat(app.provider().applicationName()).isEqualTo("orders-service");
        }
    }

    @Test
    void withoutApplicationName_quarkusApplicationNameIsUsed_asInQuarkus() {
        try (CdiApp app = CdiApp.start(Map.of(P + "application-name", "", "quarkus.application.name", "fallback"))) {
            assertThat(app.provider().applicationName()).isEqualTo("fallback");
        }
        try (CdiApp app = CdiApp.start(Map.of("quarkus.application.name", "fallback"))) {
            assertThat(app.provider().applicationName()).as("application-name wins").isEqualTo("cdi-test");
        }
    }

    @Test
    void keyLifetime_inTheQuarkusShortForm_setsTheExpirationOfNewKeys() {
        try (CdiApp app = CdiApp.start(Map.of(P + "key-lifetime", "14d"))) {
            app.protector().protect("x");

            Key key = single(app.provider());
            assertThat(Duration.between(key.activationDate(), key.expirationDate())).isEqualTo(Duration.ofDays(14));
        }
    }

    @Test
    void defaultKeyLifetime_is90Days() {
        try (CdiApp app = CdiApp.start(Map.of())) {
            app.protector().protect("x");

            Key key = single(app.provider());
            assertThat(Duration.between(key.activationDate(), key.expirationDate())).isEqualTo(Duration.ofDays(90));
        }
    }

    @Test
    void propagationWindow_decidesWhetherADefaultKeyExpiringIn60HoursGetsASuccessor(@TempDir Path directory) {
        // A key created 87.5 days ago expires in 2.5 days: due for a successor within 2D + 24 h, not within 1D + 24 h.
        seedKeyCreatedAgo(directory.resolve("two-days"), Duration.ofDays(87).plusHours(12));
        seedKeyCreatedAgo(directory.resolve("one-day"), Duration.ofDays(87).plusHours(12));

        try (CdiApp app = CdiApp.start(fileStore(directory.resolve("two-days"), P + "propagation-window", "2D"))) {
            assertThat(app.provider().keyManager().getAllKeys()).hasSize(2);
        }
        try (CdiApp app = CdiApp.start(fileStore(directory.resolve("one-day"), P + "propagation-window", "1D"))) {
            assertThat(app.provider().keyManager().getAllKeys()).hasSize(1);
            assertThat(app.provider().status().nextKeyActivation()).isEmpty();
        }
    }

    @Test
    void keyRetention_deletesExpiredKeysOnTheBackgroundRefreshOfRefreshPeriod(@TempDir Path directory)
            throws InterruptedException {
        seedKeyCreatedAgo(directory, Duration.ofDays(100));
        Map<String, String> settings = fileStore(directory, P + "key-retention", "5D");
        settings.put(P + "refresh-period", "1S");

        try (CdiApp app = CdiApp.start(settings)) {
            List<Key> keys = app.provider().keyManager().getAllKeys();
            assertThat(keys).as("the expired key and its successor").hasSize(2);
            Key successor = keys.stream().filter(k -> k.expirationDate().isAfter(Instant.now())).findFirst()
                    .orElseThrow();

            // Retention runs only on the periodic background refresh, every refresh-period.
            Instant deadline = Instant.now().plusSeconds(30);
            while (app.provider().keyManager().getAllKeys().size() > 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(app.provider().keyManager().getAllKeys()).extracting(Key::id).containsExactly(successor.id());
        }
    }

    @Test
    void autoGenerateKeysOff_createsNoKey_andProtectFails() {
        try (CdiApp app = CdiApp.start(Map.of(P + "auto-generate-keys", "false"))) {
            assertThat(app.provider().keyManager().getAllKeys()).isEmpty();
            assertThat(app.provider().status().isReady()).isFalse();
            assertThatThrownBy(() -> app.protector().protect("x")).isInstanceOf(DataProtectionException.class);
        }
    }

    @Test
    void restoreLostKeys_putsBackADeletedKeyFile_orElseReportsAFault(@TempDir Path directory) throws Exception {
        for (boolean restore : new boolean[] { true, false }) {
            Path keys = directory.resolve("restore-" + restore);
            try (CdiApp app = CdiApp.start(fileStore(keys, P + "restore-lost-keys", String.valueOf(restore)))) {
                app.protector().protect("x");
                Path file = keyFiles(keys).get(0);
                Files.delete(file);

                app.provider().refresh();

                assertThat(Files.exists(file)).as("restored with " + restore).isEqualTo(restore);
                assertThat(app.provider().status().fault().isPresent()).as("fault with " + restore)
                        .isEqualTo(!restore);
            }
        }
    }

    @Test
    void algorithmEncryptionGcm_createsGcmKeys() {
        try (CdiApp app = CdiApp.start(Map.of(P + "algorithm.encryption", "AES_256_GCM"))) {
            assertThat(app.protector().unprotect(app.protector().protect("g"))).isEqualTo("g");

            assertThat(single(app.provider()).algorithms())
                    .isEqualTo(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));
        }
    }

    @Test
    void algorithmValidation_inTheKebabForm_setsTheMacOfCbcKeys() {
        try (CdiApp app = CdiApp.start(Map.of(P + "algorithm.encryption", "aes-128-cbc",
                P + "algorithm.validation", "hmacsha512"))) {
            app.protector().protect("x");

            assertThat(single(app.provider()).algorithms()).isEqualTo(
                    new AlgorithmConfiguration(EncryptionAlgorithm.AES_128_CBC, ValidationAlgorithm.HMACSHA512));
        }
    }

    @Test
    void healthEnabled_isAccepted_andHasNoEffectInWeld() {
        try (CdiApp app = CdiApp.start(Map.of(P + "health.enabled", "false"))) {
            assertThat(app.protector().unprotect(app.protector().protect("h"))).isEqualTo("h");
        }
    }

    @Test
    void shortKeyLifetime_failsTheStart_asInQuarkus() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-lifetime", "PT24H")).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-lifetime=PT24H: a key lifetime must be "
                        + "at least 7 days");
    }

    @Test
    void propagationWindowAsLongAsTheLifetime_failsTheStart_asInQuarkus() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-lifetime", "7D", P + "propagation-window", "7D"))
                .close())
                .hasStackTraceContaining("quarkus.data-protection.propagation-window=PT168H")
                .hasStackTraceContaining("must be shorter than quarkus.data-protection.key-lifetime (PT168H)");
    }

    @Test
    void gcmWithValidation_failsTheStart_asInQuarkus() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "algorithm.encryption", "AES_256_GCM",
                P + "algorithm.validation", "HMACSHA512")).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.algorithm.validation=HMACSHA512: "
                        + "AES_256_GCM authenticates by itself");
    }

    @Test
    void zeroRefreshPeriod_andNegativeRetention_failTheStart_namingTheProperty() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "refresh-period", "0s")).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.refresh-period=PT0S: it must be positive");
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-retention", "-1d")).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.key-retention=PT-24H: it must be positive");
    }

    @Test
    void malformedDurationAndUnknownProperty_failTheStart_namingEachProperty() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-lifetime", "soon", P + "key-lifetim", "9D")).close())
                .hasStackTraceContaining("quarkus.data-protection.key-lifetime with the config value \"soon\"")
                .hasStackTraceContaining("'soon' is not a duration")
                .hasStackTraceContaining("quarkus.data-protection.key-lifetim in");
    }

    static Key single(DataProtectionProvider provider) {
        List<Key> keys = provider.keyManager().getAllKeys();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    static Map<String, String> fileStore(Path directory, String property, String value) {
        return new java.util.HashMap<>(Map.of(P + "key-store", "file", P + "file.directory", directory.toString(),
                property, value));
    }

    /** Writes one key to {@code directory} as a provider whose clock is {@code age} behind would have created it. */
    static void seedKeyCreatedAgo(Path directory, Duration age) {
        Clock past = Clock.fixed(Instant.now().minus(age), ZoneOffset.UTC);
        try (DataProtectionProvider provider = DataProtectionProvider.builder().applicationName("cdi-test")
                .repository(new FileSystemXmlRepository(directory)).clock(past).backgroundRefresh(false).build()) {
            assertThat(provider.keyManager().getAllKeys()).hasSize(1);
        }
    }

    static List<Path> keyFiles(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml")).toList();
        }
    }
}
