package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.FakeKeyVaultServer;
import io.quarkiverse.dataprotection.testing.FakeTokenEndpoint;

/**
 * A ring encrypted by Azure Key Vault, opened from the service's properties alone: client-secret credentials against
 * the fake vault's Entra ID endpoint ({@code authority-host}), over TLS trusting its certificate, with the real Azure
 * SDK. Key wrap ({@code azure-key-vault-key}) and a Key Vault certificate ({@code azure-key-vault}).
 */
class KeyVaultRingCommandsTest {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String VAULT = "quarkus.data-protection.key-encryption.azure-key-vault.";
    private static final String SECRET = "the-client-secret-value";

    @TempDir
    Path temp;
    FakeKeyVaultServer vault;

    @BeforeEach
    void startVault() {
        vault = FakeKeyVaultServer.start();
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    @Test
    void keyWrap_createListShow_wrapInTheVault_andTheKeysAreUsable() throws Exception {
        vault.keys().create("dp-wrap");
        Path config = config("key-encryption.type=azure-key-vault-key", VAULT + "key-name=dp-wrap");

        String id = create(config);
        assertThat(vault.keys().wrapCount()).as("the new key was wrapped by the vault").isEqualTo(1);
        assertThat(onlyKeyFile()).contains("<encryptedKey").doesNotContain("<masterKey");

        Cli.Result list = Cli.run("list", "--config", config.toString());
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("default key:    " + id).contains("azure-key-vault-key");
        Cli.Result show = Cli.run("show", id, "--config", config.toString(), "--json");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("\"usable\":true").contains("\"type\":\"azure-key-vault-key\"");
        assertThat(vault.keys().unwrapCount()).as("list and show unwrapped the stored key").isPositive();
        assertThat(list.out() + list.err() + show.out() + show.err()).doesNotContain(SECRET);
    }

    @Test
    void vaultCertificate_createListShow_encryptToTheVaultsCertificate() throws Exception {
        var certificate = CertificateGenerator.generate("vault certificate");
        vault.addVersion("dp-certificate", certificate);
        Path config = config("key-encryption.type=azure-key-vault", VAULT + "certificate-name=dp-certificate");

        String id = create(config);
        assertThat(onlyKeyFile()).contains("EncryptedXmlDecryptor").doesNotContain("<masterKey");

        Cli.Result list = Cli.run("list", "--config", config.toString());
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("default key:    " + id).contains(certificate.thumbprint());
        Cli.Result show = Cli.run("show", id, "--config", config.toString());
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains(certificate.thumbprint());
    }

    @Test
    void refusedClientSecret_showReportsTheKeyUnusableWithTheCredentialMessage_createExitsFive_withoutTheSecret()
            throws Exception {
        vault.keys().create("dp-wrap");
        Path config = config("key-encryption.type=azure-key-vault-key", VAULT + "key-name=dp-wrap");
        String id = create(config);
        vault.tokens().refuse(true);

        Cli.Result show = Cli.run("show", id, "--config", config.toString());
        Cli.Result created = Cli.run("create", "--config", config.toString());

        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("state:           unusable")
                .contains("unusable because: Azure credential failed for vault " + vault.vaultUrl() + ": "
                        + FakeTokenEndpoint.REFUSAL);
        assertThat(created.code()).as(created.toString()).isEqualTo(ExitCode.KEY_ENCRYPTION);
        assertThat(created.err()).startsWith("error: Azure credential failed for vault " + vault.vaultUrl());
        assertThat(show.out() + show.err() + created.out() + created.err()).doesNotContain(SECRET)
                .doesNotContain(FakeKeyVaultServer.TOKEN);
    }

    private String create(Path config) {
        Cli.Result created = Cli.run("create", "--config", config.toString());
        assertThat(created.code()).as(created.toString()).isZero();
        Matcher id = ID.matcher(created.out());
        assertThat(id.find()).as(created.toString()).isTrue();
        return id.group();
    }

    /** The service's properties: file store, the fake vault, client-secret credentials and TLS trust of the fake. */
    private Path config(String... encryption) throws Exception {
        Path trustStore = vault.writeTrustStore(temp.resolve("vault-trust.p12"), "trust-pw".toCharArray());
        List<String> lines = new ArrayList<>(List.of("quarkus.data-protection.key-store=file",
                "quarkus.data-protection.file.directory=" + temp.resolve("keys"),
                VAULT + "vault-url=" + vault.vaultUrl(), VAULT + "tenant-id=" + FakeKeyVaultServer.TENANT,
                VAULT + "client-id=cli-app", VAULT + "client-secret=" + SECRET,
                VAULT + "authority-host=" + vault.vaultUrl(), VAULT + "trust-store-path=" + trustStore,
                VAULT + "trust-store-password=trust-pw", VAULT + "challenge-resource-verification=false"));
        for (String setting : encryption) {
            lines.add(setting.startsWith("quarkus.") ? setting : "quarkus.data-protection." + setting);
        }
        Path file = temp.resolve("application.properties");
        Files.write(file, lines);
        return file;
    }

    private String onlyKeyFile() throws Exception {
        try (var files = Files.list(temp.resolve("keys"))) {
            List<Path> keys = files.filter(file -> file.getFileName().toString().startsWith("key-")).toList();
            assertThat(keys).hasSize(1);
            return Files.readString(keys.get(0));
        }
    }
}
