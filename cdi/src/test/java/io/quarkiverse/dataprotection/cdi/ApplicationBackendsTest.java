package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * Open backends in Weld: an application bean of the storage SPI replaces the configured store, a {@code KeyEncryptor}
 * bean replaces the configured encryptor, {@code KeyDecryptor} beans are added to the configured decryptor, and
 * {@code DataProtectionListener} beans hear every operation.
 */
class ApplicationBackendsTest {

    static final String P = "quarkus.data-protection.";

    @Test
    void repositoryBean_replacesTheConfiguredStore(@TempDir Path dir) {
        Path configured = dir.resolve("configured");
        try (CdiApp app = CdiApp.start(Map.of(P + "key-store", "file", P + "file.directory", configured.toString()),
                ApplicationRepository.class)) {
            app.protector().protect("x");

            assertThat(app.provider().status().store()).isEqualTo("application-repository");
            assertThat(app.bean(ApplicationRepository.class).readAll()).hasSize(1);
        }
        assertThat(Files.exists(configured)).as("the configured directory is never created").isFalse();
    }

    @Test
    void keyEncryptorBean_encryptsNewKeys_insteadOfTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        Map<String, String> settings = certificate(dir);
        try (CdiApp app = CdiApp.start(settings, WrappingKeyEncryption.Encryptor.class,
                WrappingKeyEncryption.Decryptor.class)) {
            assertThat(app.protector().unprotect(app.protector().protect("kms"))).isEqualTo("kms");
        }
        assertThat(KeyEncryptionSettingsTest.onlyKeyFile(dir.resolve("keys")))
                .contains("decryptorType=\"Test.WrappingDecryptor, Test\"").contains("<wrapped")
                .doesNotContain("EncryptedData");
    }

    @Test
    void keyDecryptorBeans_areAddedToTheConfiguredDecryptor(@TempDir Path dir) {
        Map<String, String> settings = certificate(dir);
        String underCertificate;
        try (CdiApp app = CdiApp.start(settings)) {
            underCertificate = app.protector().protect("certificate key");
        }
        try (CdiApp app = CdiApp.start(settings, WrappingKeyEncryption.Encryptor.class)) {
            app.provider().keyManager().createNewKey(Instant.now(), Instant.now().plus(Duration.ofDays(30)));
        }

        try (CdiApp app = CdiApp.start(settings)) {
            assertThat(app.provider().status().unusableKeys()).as("the wrapped key, without its decryptor").hasSize(1);
        }
        try (CdiApp app = CdiApp.start(settings, WrappingKeyEncryption.Decryptor.class)) {
            assertThat(app.provider().status().unusableKeys()).isEmpty();
            assertThat(app.provider().keyManager().getAllKeys()).hasSize(2).allMatch(key -> key.canEncrypt());
            assertThat(app.protector().unprotect(underCertificate)).isEqualTo("certificate key");
        }
    }

    @Test
    void listenerBean_hearsEveryOperation() {
        try (CdiApp app = CdiApp.start(Map.of(), CountingListener.class)) {
            app.protector().protect("a");
            app.protector().protect("b");
            String otherPurpose = app.provider().createProtector("other").protect("c");
            assertThatThrownBy(() -> app.protector().unprotect(otherPurpose));

            CountingListener listener = app.bean(CountingListener.class);
            assertThat(listener.protects()).isEqualTo(3);
            assertThat(listener.failures()).isEqualTo(1);
        }
    }

    @Test
    void twoRepositoryBeans_failTheStart_namingBoth() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(), ApplicationRepository.class,
                ApplicationRepository.Another.class).close())
                .hasStackTraceContaining("several beans of type io.quarkiverse.dataprotection.spi.XmlRepository ("
                        + ApplicationRepository.class.getName() + ", " + ApplicationRepository.Another.class.getName()
                        + ")");
    }

    static Map<String, String> certificate(Path dir) {
        Path pfx = TestCertificates.writePkcs12(dir, "current.pfx", KeyEncryptionSettingsTest.CURRENT, new char[0]);
        return KeyEncryptionSettingsTest.certificate(dir.resolve("keys"), P + "key-encryption.certificate.pkcs12.path",
                pfx.toString());
    }
}
