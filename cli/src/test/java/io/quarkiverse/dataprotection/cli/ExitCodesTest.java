package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented exit codes, and one-line errors that name what to fix. */
class ExitCodesTest {

    @TempDir
    Path temp;

    String[] ring() {
        return new String[] { "--directory", temp.resolve("keys").toString() };
    }

    @Test
    void help_exitsZero_andListsTheExitCodes() {
        Cli.Result help = Cli.run("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("list", "show", "create", "revoke", "reencrypt", "export", "import",
                "inspect", "Exit codes:", "3   key store unreachable");
    }

    @Test
    void usageErrors_exitOne_withOneLineAndAHint() {
        Cli.Result none = Cli.run();
        Cli.Result unknownOption = Cli.run(Cli.with(ring(), "list", "--frobnicate"));
        Cli.Result badDate = Cli.run(Cli.with(ring(), "create", "--activation", "tomorrow-ish"));
        Cli.Result badId = Cli.run(Cli.with(ring(), "show", "42"));
        Cli.Result allWithoutBefore = Cli.run(Cli.with(ring(), "revoke", "--all", "--yes"));

        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).contains("Missing command");
        assertThat(unknownOption.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownOption.err()).contains("--frobnicate").contains("--help");
        assertThat(badDate.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badDate.err()).contains("Invalid --activation 'tomorrow-ish'").hasLineCount(1);
        assertThat(badId.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badId.err()).contains("'42' is not a key id");
        assertThat(allWithoutBefore.code()).isEqualTo(ExitCode.USAGE);
        assertThat(allWithoutBefore.err()).contains("needs --before");
    }

    @Test
    void configErrors_exitTwo_namingThePropertyAndTheFix() {
        Cli.Result lifetime = Cli.run(Cli.with(ring(), "list", "-Dquarkus.data-protection.key-lifetime=1D"));
        Cli.Result redisWithoutHosts = Cli.run("list", "--store", "redis");
        Cli.Result missingFile = Cli.run("list", "--config", temp.resolve("absent.properties").toString());
        Cli.Result missingCertificate = Cli.run(Cli.with(ring(), "list", "--certificate",
                temp.resolve("absent.p12").toString()));
        Cli.Result reencryptWithoutCertificate = Cli.run(Cli.with(ring(), "reencrypt"));

        assertThat(lifetime.code()).as(lifetime.toString()).isEqualTo(ExitCode.CONFIG);
        assertThat(lifetime.err()).contains("quarkus.data-protection.key-lifetime").hasLineCount(1);
        assertThat(redisWithoutHosts.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(redisWithoutHosts.err()).contains("Missing quarkus.data-protection.redis.hosts");
        assertThat(missingFile.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(missingFile.err()).contains("--config").contains("absent.properties");
        assertThat(missingCertificate.code()).as(missingCertificate.toString()).isEqualTo(ExitCode.CONFIG);
        assertThat(missingCertificate.err()).contains("absent.p12");
        assertThat(reencryptWithoutCertificate.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(reencryptWithoutCertificate.err())
                .contains("Missing quarkus.data-protection.key-encryption.type");
    }

    @Test
    void storeUnreadable_exitsThree() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");

        Cli.Result list = Cli.run("list", "--directory", notADirectory.toString());

        assertThat(list.code()).as(list.toString()).isEqualTo(ExitCode.STORE_UNREACHABLE);
        assertThat(list.err()).contains("is not a directory").hasLineCount(1);
    }

    @Test
    void unknownKey_exitsFour_forShowAndRevoke() {
        Cli.Result show = Cli.run(Cli.with(ring(), "show", "11111111-2222-3333-4444-555555555555"));
        Cli.Result revoke = Cli.run(Cli.with(ring(), "revoke", "11111111-2222-3333-4444-555555555555", "--yes"));

        assertThat(show.code()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(revoke.code()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(revoke.err()).contains("has no key 11111111-2222-3333-4444-555555555555");
    }

    @Test
    void verbose_addsTheStackTrace() {
        Cli.Result verbose = Cli.run(Cli.with(ring(), "list", "-Dquarkus.data-protection.key-lifetime=1D",
                "--verbose"));

        assertThat(verbose.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(verbose.err().lines().count()).isGreaterThan(3);
        assertThat(verbose.err()).contains("\tat ");
    }
}
