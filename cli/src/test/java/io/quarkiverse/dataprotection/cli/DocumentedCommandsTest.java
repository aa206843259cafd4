package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.CertificateGenerator;

/**
 * Runs, in order, every {@code data-protection} command of the tested block of {@code docs/.../cli.adoc}, with the
 * documented paths mapped into a temporary directory: the page's commands are the ones that work.
 */
class DocumentedCommandsTest {

    private static final Path PAGE = Path.of("..", "docs", "modules", "ROOT", "pages", "cli.adoc");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path temp;

    @Test
    void documentedCommands_runInOrder_andEachExitsZero() throws Exception {
        List<String> commands = documentedCommands();
        assertThat(commands).as("the tested block of " + PAGE).hasSizeGreaterThanOrEqualTo(10);
        Files.writeString(temp.resolve("application.properties"),
                "quarkus.data-protection.file.directory=" + temp.resolve("keys") + "\n");
        Files.write(temp.resolve("new.p12"), CertificateGenerator.generate("rotated").pkcs12("changeit".toCharArray()));
        String id = null;
        String payload = null;
        for (String command : commands) {
            String line = mapPaths(command);
            if (line.contains("$ID")) {
                line = line.replace("$ID", id);
            }
            if (line.contains("$PAYLOAD")) {
                payload = payload != null ? payload : protect();
                line = line.replace("$PAYLOAD", payload);
            }
            Cli.Result result = Cli.run(words(line.substring("data-protection ".length())));
            assertThat(result.code()).as(command + "\n" + result).isZero();
            if (command.startsWith("data-protection create")) {
                Matcher created = ID.matcher(result.out());
                assertThat(created.find()).isTrue();
                id = created.group();
            }
        }
        assertThat(Cli.run("show", id, "--directory", temp.resolve("keys").toString()).out())
                .contains("state:           revoked");
    }

    private String protect() {
        try (DataProtectionProvider service = DataProtectionProvider.builder().applicationName("orders")
                .repository(new FileSystemXmlRepository(temp.resolve("keys"))).build()) {
            return service.createProtector("session").protect("documented");
        }
    }

    private String mapPaths(String command) {
        return command.replace("/var/lib/keys-copy", temp.resolve("copy").toString())
                .replace("/var/lib/keys", temp.resolve("keys").toString())
                .replace("src/main/resources/application.properties", temp.resolve("application.properties")
                        .toString())
                .replace("ring-backup.xml", temp.resolve("ring-backup.xml").toString())
                .replace("new.p12", temp.resolve("new.p12").toString());
    }

    private static List<String> documentedCommands() throws Exception {
        String page = Files.readString(PAGE);
        int start = page.indexOf("// tested-commands-start");
        int end = page.indexOf("// tested-commands-end");
        assertThat(start).as("the tested block's markers in " + PAGE).isPositive().isLessThan(end);
        return page.substring(start, end).lines().filter(line -> line.startsWith("data-protection ")).toList();
    }

    /** Splits on spaces, keeping double-quoted words together, as the shell does for these lines. */
    private static String[] words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words.toArray(String[]::new);
    }
}
