package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as operators run it ({@code java -jar data-protection-cli.jar}), in its own process with its lib/ class
 * path and its own logging: runs after package (failsafe), so the jar exists.
 */
class PackagedJarIT {

    @TempDir
    Path temp;

    record Run(int code, String out, String err) {
    }

    Run java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("data-protection.cli.jar", "target/data-protection-cli.jar"));
        // Only a run before package (surefire picking it up through a -Dtest pattern) lacks the jar.
        assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is built in the package phase; this test runs "
                + "after it through failsafe (mvn verify)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        // Files, not pipes: neither stream can fill up and block the process while the other is read.
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("data-protection " + args[0] + " did not end within 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void jar_createsAndListsKeys_andReportsErrorsInOneLine() throws Exception {
        String directory = temp.resolve("keys").toString();

        Run help = java("--help");
        Run create = java("create", "--directory", directory, "--json");
        Run list = java("list", "--directory", directory, "--json");
        Run badConfig = java("list", "--directory", directory, "-Dquarkus.data-protection.key-lifetime=1D");
        Run notConfirmed = java("revoke", "--all", "--before", "now", "--directory", directory);

        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: data-protection");
        assertThat(create.code()).as(create.err()).isZero();
        String id = create.out().replaceAll("(?s).*\"created\":\"([^\"]+)\".*", "$1").strip();
        assertThat(list.out()).contains("\"defaultKeyId\":\"" + id + "\"");
        assertThat(badConfig.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(badConfig.err().lines().filter(line -> line.startsWith("error:")))
                .singleElement().asString().contains("quarkus.data-protection.key-lifetime");
        assertThat(badConfig.err()).doesNotContain("\tat ");
        assertThat(notConfirmed.code()).isEqualTo(ExitCode.USAGE);
        assertThat(notConfirmed.err()).contains("pass --yes");
        assertThat(java("show", id, "--directory", directory).out()).doesNotContain("revoked");
    }
}
