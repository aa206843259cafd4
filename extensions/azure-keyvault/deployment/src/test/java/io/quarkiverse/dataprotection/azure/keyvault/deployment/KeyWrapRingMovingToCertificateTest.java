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
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryption;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;
import io.quarkus.test.QuarkusUnitTest;
import reactor.core.publisher.Mono;

/**
 * A ring wrapped with a Key Vault key moves to a certificate file: with {@code type=certificate} and
 * {@code azure-key-vault.key-name} still set, the key vault key still unwraps the old key, and
 * {@code reencryptKeys()} encrypts it to the certificate, after which no key in the directory is key-wrapped.
 */
class KeyWrapRingMovingToCertificateTest {

    static final SharedFakeVault.Handle VAULT = SharedFakeVault.get("migration-back", (vault, functions) -> {
        vault.keys().create("dp");
        CertificateWithKey certificate = TestCertificates.generate("moving-to-certificate");
        try {
            Path base = Files.createTempDirectory("moving-back-ring");
            Path pfx = TestCertificates.writePkcs12(base, "new.pfx", certificate, "pw".toCharArray());
            AzureKeyVaultKeyEncryption keyWrap = AzureKeyVaultKeyEncryption.builder(vault.vaultUrl(), "dp")
                    .credential(vault.credential()).httpClient(vault.httpClient()).disableChallengeResourceVerification()
                    .build();
            try (DataProtectionProvider writer = DataProtectionProvider.builder().applicationName("moving")
                    .repository(new FileSystemXmlRepository(base.resolve("keys"))).keyEncryptor(keyWrap.encryptor())
                    .addKeyDecryptor(keyWrap.decryptor()).backgroundRefresh(false).build()) {
                Files.writeString(base.resolve("payload.txt"), writer.createProtector("p").protect("under the vault key"));
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
            .overrideConfigKey("quarkus.data-protection.key-encryption.type", "certificate")
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.path", VAULT.call("pfx", null))
            .overrideConfigKey("quarkus.data-protection.key-encryption.certificate.pkcs12.password", "pw")
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
    void keyWrappedKey_stillUnprotects_andReencryptionMovesItUnderTheCertificate() throws Exception {
        Path base = Path.of(VAULT.<String> call("base", null));
        String payload = Files.readString(base.resolve("payload.txt"));
        assertThat(provider.createProtector("p").unprotect(payload)).isEqualTo("under the vault key");

        int rewritten = keyManager.reencryptKeys();

        assertThat(rewritten).isEqualTo(1);
        try (Stream<Path> files = Files.list(base.resolve("keys"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("key-"))
                    .map(KeyWrapRingMovingToCertificateTest::read))
                    .singleElement()
                    .satisfies(xml -> assertThat(xml).contains("<EncryptedData").doesNotContain("<encryptedKey"));
        }
        assertThat(provider.refresh().unusableKeys()).isEmpty();
        assertThat(provider.createProtector("p").unprotect(payload)).isEqualTo("under the vault key");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
