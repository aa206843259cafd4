package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The container-free entry point tools use: the extension's mapping and rules, and the store handed out. */
class ConfiguredKeyRingTest {

    @TempDir
    Path temp;

    static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    @Test
    void open_withoutAContainer_opensTheConfiguredStore_andAppliesTheAdjustment() {
        SmallRyeConfig config = config(Map.of("quarkus.data-protection.file.directory", temp.toString(),
                "quarkus.data-protection.key-lifetime", "30D", "quarkus.data-protection.application-name", "orders"));

        try (ConfiguredKeyRing ring = ConfiguredKeyRing.open(config, builder -> builder.autoGenerateKeys(false))) {
            assertThat(ring.store()).isInstanceOf(FileSystemXmlRepository.class);
            assertThat(ring.store().description()).isEqualTo("file:" + temp.toAbsolutePath());
            assertThat(ring.settings().keyPolicy().keyLifetime()).hasDays(30);
            assertThat(ring.settings().autoGenerateKeys()).isFalse();
            assertThat(ring.provider().applicationName()).isEqualTo("orders");
            assertThat(ring.keyEncryption()).isEmpty();
            assertThat(ring.provider().keyManager().getAllKeys()).isEmpty();
        }
    }

    @Test
    void open_invalidSetting_failsNamingTheProperty() {
        SmallRyeConfig config = config(Map.of("quarkus.data-protection.file.directory", temp.toString(),
                "quarkus.data-protection.key-lifetime", "1D"));

        assertThatThrownBy(() -> ConfiguredKeyRing.open(config, builder -> builder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarkus.data-protection.key-lifetime");
    }
}
