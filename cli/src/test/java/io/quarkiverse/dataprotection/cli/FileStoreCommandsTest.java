package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/** Every subcommand on a file store, named by --directory or by the service's application.properties. */
class FileStoreCommandsTest extends RingCommandsContract {

    Path keys() {
        return temp.resolve("keys");
    }

    @Override
    String[] ring() {
        return new String[] { "--directory", keys().toString() };
    }

    @Override
    DataProtectionProviderBuilder serviceBuilder() {
        return DataProtectionProvider.builder().repository(new FileSystemXmlRepository(keys()));
    }

    @Override
    String expectedEncryption() {
        return "none (unencrypted)";
    }

    @Test
    void config_prodProfileOfTheServiceFile_isTheRingOpened() throws Exception {
        Path properties = temp.resolve("application.properties");
        Files.writeString(properties, "quarkus.data-protection.file.directory=" + temp.resolve("dev-keys") + "\n"
                + "%prod.quarkus.data-protection.file.directory=" + keys() + "\n"
                + "quarkus.http.port=9090\n"
                + "quarkus.data-protection.some-future-setting=ignored\n");
        String id = createKey();

        Cli.Result prod = Cli.run("list", "--config", properties.toString());
        Cli.Result dev = Cli.run("list", "--config", properties.toString(), "--profile", "dev");

        assertThat(prod.code()).as(prod.toString()).isZero();
        assertThat(prod.out()).contains("store:          file:" + keys()).contains(id);
        assertThat(dev.out()).contains("store:          file:" + temp.resolve("dev-keys"))
                .contains("The ring has no keys.");
        assertThat(dev.err()).contains("does not exist (yet)");
    }

    @Test
    void export_ofUnencryptedKeysToTheTerminal_isRefused_toAFileIsOwnerOnly() throws Exception {
        createKey();
        Path file = temp.resolve("ring.xml");

        Cli.Result terminal = Cli.run(Cli.with(ring(), "export"));
        Cli.Result toFile = Cli.run(Cli.with(ring(), "export", "--file", file.toString()));
        Cli.Result again = Cli.run(Cli.with(ring(), "export", "--file", file.toString()));

        assertThat(terminal.code()).isEqualTo(ExitCode.USAGE);
        assertThat(terminal.out()).isEmpty();
        assertThat(terminal.err()).contains("stored unencrypted").contains("--file");
        assertThat(toFile.code()).as(toFile.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(again.code()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains("never overwrites");
    }

    @Test
    void reencrypt_ofAnUnencryptedRingToACertificate_encryptsEveryKey() throws Exception {
        String id = createKey();
        Path certificate = temp.resolve("new.p12");
        Files.write(certificate, io.quarkiverse.dataprotection.testing.CertificateGenerator.generate("new")
                .pkcs12("pw".toCharArray()));
        String[] encrypted = Cli.with(ring(), "--certificate", certificate.toString(), "--certificate-password", "pw");

        Cli.Result reencrypt = Cli.run(Cli.with(encrypted, "reencrypt", "--json"));

        assertThat(reencrypt.code()).as(reencrypt.toString()).isZero();
        assertThat(reencrypt.out()).contains("\"reencrypted\":1").contains("\"undecryptable\":[]");
        assertThat(Cli.run(Cli.with(encrypted, "show", id)).out()).contains("encrypted with:  certificate ")
                .contains("CN=new");
        try (var files = Files.list(keys())) {
            assertThat(files.filter(file -> file.toString().endsWith(".xml"))).as("the old element removed").hasSize(1);
        }
    }
}
