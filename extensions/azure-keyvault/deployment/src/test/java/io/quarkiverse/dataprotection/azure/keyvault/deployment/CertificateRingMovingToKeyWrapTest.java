package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;
import io.quarkus.test.QuarkusUnitTest;
import reactor.core.publisher.Mono;

/**
 * A ring encrypted to a certificate file moves to Key Vault key wrap: with {@code type=azure-key-vault-key} and the
 * old certificate as a decryption certificate, the old key still unprotects, and {@code reencryptKeys()} rewraps it
 * with the vault key, after which no key in the directory is certificate-encrypted.
 */
class CertificateRingMovingToKeyWrapTest {

    static final SharedFakeVault.Handle VAULT = SharedFakeVault.get("migration", (vault, functions) -> {
        vault.keys().create("dp");
        CertificateWithKey certificate = TestCertificates.generate("moving-to-key-wrap");
        try {
            Path base = Files.createTempDirectory("moving-ring");
            Path pfx = TestCertificates.writePkcs12(base, "old.pfx", certificate, "pw".toCharArray());
            try (DataProtectionProvider writer = DataProtectionProvider.builder().applicationName("moving")
                    .repository(new FileSystemXmlRepository(base.resolve("keys")))
                    .keyEncryptor(new CertificateXmlEncryptor(certificate))
                    .addKeyDecryptor(EncryptedXmlDecryptor.of(certificate)).backgroundRefresh(false).build()) {
                Files.writeString(base.resolve("payload.txt"), writer.createProtector("p").protect("under the certificate"));
            }
            functions.put("base", ignored -> base.toString());
            functions.put("pfx", ignored -> pfx.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Credential.class, SharedFakeVault.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "file")
            .overrideConfigKey("quarkus.data-protection.file.directory", VAULT.<String> call("base", null) + "/keys")
            .overrideConfigKey("quarkus.data-protection.application-name", "moving")
            .overrideConfigKey("quarkus.data-protection.auto-generate-keys", "false")
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "azure-key-vault-key")
            .overrideConfigKey("quarkus.data-protection.key-encryption.decryption-certificates.old.pkcs12.path",
                    VAULT.call("pfx", null))
            .overrideConfigKey("quarkus.data-protection.key-encryption.decryption-certificates.old.pkcs12.password", "pw")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.vault-url", VAULT.vaultUrl())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.key-name", "dp")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-path", VAULT.trustStore())
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.trust-store-password", "trust")
            .overrideConfigKey("quarkus.data-protection.key-encryption.azure-key-vault.challenge-resource-verification",
                    "false");

    @Singleton
    static class Credential {

        @Produces
        @Singleton
        TokenCredential credential() {
            return request -> Mono.just(new AccessToken(FakeKeyVaultServer.TOKEN, OffsetDateTime.now().plusHours(1)));
        }
    }

    @Inject
    DataProtectionProvider provider;

    @Inject
    KeyManager keyManager;

    @Test
    void certificateKey_stillUnprotects_andReencryptionRewrapsItWithTheVaultKey() throws Exception {
        Path base = Path.of(VAULT.<String> call("base", null));
        String payload = Files.readString(base.resolve("payload.txt"));
        assertThat(provider.createProtector("p").unprotect(payload)).isEqualTo("under the certificate");

        int rewritten = keyManager.reencryptKeys();

        assertThat(rewritten).isEqualTo(1);
        try (Stream<Path> files = Files.list(base.resolve("keys"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("key-"))
                    .map(CertificateRingMovingToKeyWrapTest::read))
                    .singleElement()
                    .satisfies(xml -> assertThat(xml).contains("<encryptedKey").doesNotContain("<EncryptedData"));
        }
        assertThat(provider.refresh().unusableKeys()).isEmpty();
        assertThat(provider.createProtector("p").unprotect(payload)).isEqualTo("under the certificate");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
