package io.quarkiverse.dataprotection.runtime.devui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.runtime.DataProtectionConfig;
import io.quarkiverse.dataprotection.runtime.DataProtectionService;
import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.TestCertificate;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The Dev UI's JSON-RPC methods against a file store whose keys are encrypted to a certificate: what the page
 * shows, and that its actions change the ring the application uses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevUiJsonRpcServiceTest {

    static final String PASSWORD = "changeit";
    /** The class is loaded twice (JUnit's and Quarkus's class loaders): one directory and certificate for both. */
    static final Path DIR = directory();

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Orders.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "file")
            .overrideConfigKey("quarkus.data-protection.file.directory", DIR.resolve("keys").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "certificate")
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.path",
                    DIR.resolve("dp.pfx").toString())
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.password", PASSWORD);

    @Singleton
    static class Orders {

        @Inject
        @Protector({ "orders", "v2" })
        DataProtector protector;
    }

    @Inject
    DataProtectionService service;

    @Inject
    DataProtectionConfig config;

    @Inject
    Orders orders;

    DataProtectionJsonRpcService rpc;

    static Path directory() {
        String existing = System.getProperty("data-protection.test.devui");
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory("devui-json-rpc");
            TestCertificate certificate = CertificateGenerator.generate("devui-test", Duration.ofDays(365));
            Files.write(dir.resolve("dp.pfx"), certificate.pkcs12(PASSWORD.toCharArray()));
            Files.writeString(dir.resolve("thumbprint"), certificate.thumbprint());
            System.setProperty("data-protection.test.devui", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void service() {
        rpc = new DataProtectionJsonRpcService(service, config);
    }

    @Test
    @Order(1)
    void list_showsTheDefaultKeyEncryptedToTheCertificate_withoutKeyMaterial() throws IOException {
        List<KeyRow> rows = rpc.list();

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.defaultKey()).isTrue();
            assertThat(row.usable()).isTrue();
            assertThat(row.revoked()).isFalse();
            assertThat(row.state()).isEqualTo("default");
            assertThat(row.algorithms()).isEqualTo("AES_256_CBC+HMACSHA256");
            assertThat(row.encryptedWith()).isEqualTo("certificate "
                    + Files.readString(DIR.resolve("thumbprint")) + " (CN=devui-test)");
        });
        assertThat(rows.toString()).doesNotContain("<", "masterKey", "value", "CipherValue");
    }

    @Test
    @Order(2)
    void status_reportsTheReadyRingAndTheBuildTimePurposes() {
        RingStatus status = rpc.status();

        assertThat(status.ready()).isTrue();
        assertThat(status.store()).startsWith("file:");
        assertThat(status.keyEncryption()).isEqualTo("certificate");
        assertThat(status.keyCount()).isEqualTo(1);
        assertThat(status.defaultKeyId()).isEqualTo(rpc.list().get(0).id());
        assertThat(status.lastRefresh()).isNotNull();
        assertThat(status.purposes()).containsExactly("orders > v2");
    }

    @Test
    @Order(3)
    void create_addsAKeyThatBecomesTheDefaultAtOnce() {
        String before = rpc.status().defaultKeyId();

        KeyRow created = rpc.create();

        assertThat(created.defaultKey()).isTrue();
        assertThat(created.id()).isNotEqualTo(before);
        assertThat(rpc.status().defaultKeyId()).isEqualTo(created.id());
        assertThat(rpc.list()).hasSize(2).filteredOn(KeyRow::defaultKey).singleElement()
                .extracting(KeyRow::id).isEqualTo(created.id());
        String payload = orders.protector.protect("order #42");
        assertThat(service.provider().keyManager().getAllKeys()).anyMatch(k -> k.id().toString().equals(created.id()));
        assertThat(orders.protector.unprotect(payload)).isEqualTo("order #42");
    }

    @Test
    @Order(4)
    void revoke_marksOneKeyRevokedAndUnusable_andItsPayloadsNoLongerUnprotect() {
        String payload = orders.protector.protect("order #43");
        String id = rpc.status().defaultKeyId();

        RingStatus after = rpc.revoke(id);

        KeyRow revoked = rpc.list().stream().filter(row -> row.id().equals(id)).findFirst().orElseThrow();
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.usable()).isFalse();
        assertThat(revoked.state()).isEqualTo("revoked");
        assertThat(after.defaultKeyId()).isNotEqualTo(id);
        assertThatThrownBy(() -> orders.protector.unprotect(payload)).hasMessageContaining(id);
    }

    @Test
    @Order(5)
    void revoke_unknownOrMalformedId_isRefusedNamingIt() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> rpc.revoke(unknown.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No key " + unknown + " in the key ring");
        assertThatThrownBy(() -> rpc.revoke("not-a-guid")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not-a-guid'");
    }

    @Test
    @Order(6)
    void revokeAll_revokesEveryExistingKey() {
        List<String> before = rpc.list().stream().map(KeyRow::id).toList();

        rpc.revokeAll();

        assertThat(rpc.list()).filteredOn(row -> before.contains(row.id()))
                .hasSize(before.size())
                .allSatisfy(row -> assertThat(row.revoked()).isTrue());
        assertThat(rpc.status().defaultKeyId()).isNotIn(before);
    }
}
