package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    static Run java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("data-protection.cli.jar", "target/data-protection-cli.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ended").isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
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
        assertThat(Files.exists(Path.of(directory))).isTrue();
    }
}
