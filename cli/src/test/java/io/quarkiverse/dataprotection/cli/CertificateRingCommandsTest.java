package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.TestCertificate;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.Pkcs12CertificateSource;

/** Every subcommand on a certificate-encrypted ring, and a certificate rotation through reencrypt. */
class CertificateRingCommandsTest extends RingCommandsContract {

    private static final char[] PASSWORD = "s3cret".toCharArray();

    /** Generated once: RSA key generation is what makes this class slow. */
    private static TestCertificate certificate;
    Path pkcs12;

    @BeforeAll
    static void generate() {
        certificate = CertificateGenerator.generate("data protection cli test");
    }

    @BeforeEach
    void certificate() throws Exception {
        pkcs12 = temp.resolve("current.p12");
        Files.write(pkcs12, certificate.pkcs12(PASSWORD));
    }

    Path keys() {
        return temp.resolve("keys");
    }

    @Override
    String[] ring() {
        return new String[] { "--directory", keys().toString(), "--certificate", pkcs12.toString(),
                "--certificate-password", new String(PASSWORD) };
    }

    @Override
    DataProtectionProviderBuilder serviceBuilder() {
        Pkcs12CertificateSource source = new Pkcs12CertificateSource(pkcs12, PASSWORD);
        return DataProtectionProvider.builder().repository(new FileSystemXmlRepository(keys()))
                .keyEncryptor(new CertificateXmlEncryptor(source)).addKeyDecryptor(new EncryptedXmlDecryptor(source));
    }

    @Override
    String expectedEncryption() {
        return "certificate " + certificate.thumbprint();
    }

    @Test
    void export_ofEncryptedKeys_mayGoToTheTerminal_andHoldsNoMasterKey() {
        String id = createKey();

        Cli.Result export = Cli.run(Cli.with(ring(), "export"));

        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.out()).contains("<key id=\"" + id + "\"").contains("encryptedSecret")
                .doesNotContain("masterKey");
    }

    @Test
    void reencrypt_afterRotation_movesEveryKeyToTheNewCertificate_andTheOldOneCanGo() throws Exception {
        String id = createKey();
        TestCertificate next = CertificateGenerator.generate("next certificate");
        Path nextFile = temp.resolve("next.pem");
        Files.writeString(nextFile, next.certificatePem() + next.privateKeyPem());
        Path oldWithoutPassword = temp.resolve("old.p12");
        Files.write(oldWithoutPassword, certificate.pkcs12(new char[0]));
        String[] rotated = { "--directory", keys().toString(), "--certificate", nextFile.toString(),
                "--decryption-certificate", oldWithoutPassword.toString() };

        Cli.Result reencrypt = Cli.run(Cli.with(rotated, "reencrypt"));

        assertThat(reencrypt.code()).as(reencrypt.toString()).isZero();
        assertThat(reencrypt.out()).contains("Re-encrypted 1 keys with X.509 certificate " + next.thumbprint());
        String[] newOnly = { "--directory", keys().toString(), "--certificate", nextFile.toString() };
        Cli.Result show = Cli.run(Cli.with(newOnly, "show", id, "--json"));
        assertThat(show.out()).contains("\"certificateThumbprint\":\"" + next.thumbprint() + "\"")
                .contains("\"usable\":true");
    }

    @Test
    void list_withoutTheCertificate_showsKeysUnusableAndWhy() {
        String id = createKey();

        Cli.Result list = Cli.run("show", id, "--directory", keys().toString(), "--json");

        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("\"state\":\"unusable\"").contains("\"usable\":false")
                .contains("\"certificateThumbprint\":\"" + certificate.thumbprint() + "\"")
                .contains("\"unusableReason\":\"");
    }
}
