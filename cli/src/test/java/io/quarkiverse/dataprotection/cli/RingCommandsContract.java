package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.DataProtector;

/**
 * Every subcommand against one store kind: a subclass says where the ring is (command-line options) and builds a plain
 * Java provider on the same store, standing for the service.
 */
abstract class RingCommandsContract {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TempDir
    Path temp;

    /** The options that point the command at the ring under test. */
    abstract String[] ring();

    /** A builder on the same store, as the service would have (the caller sets nothing else store-related). */
    abstract DataProtectionProviderBuilder serviceBuilder();

    /** Text every key's "encrypted with" column shows in this ring. */
    abstract String expectedEncryption();

    String createKey() {
        Cli.Result created = Cli.run(Cli.with(ring(), "create"));
        assertThat(created.code()).as(created.toString()).isZero();
        Matcher id = ID.matcher(created.out());
        assertThat(id.find()).as(created.toString()).isTrue();
        return id.group();
    }

    @Test
    void list_emptyRing_saysSoAndExitsZero() {
        Cli.Result list = Cli.run(Cli.with(ring(), "list"));

        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("The ring has no keys.").contains("default key:    none");
    }

    @Test
    void create_thenList_showsTheKeyAsDefaultWithItsEncryption() {
        String id = createKey();

        Cli.Result list = Cli.run(Cli.with(ring(), "list"));
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("default key:    " + id).containsPattern(id + " .* default +"
                + Pattern.quote(expectedEncryption()));
        Cli.Result json = Cli.run(Cli.with(ring(), "list", "--json"));
        assertThat(json.out()).startsWith("{\"store\":").contains("\"defaultKeyId\":\"" + id + "\"")
                .contains("\"id\":\"" + id + "\"").contains("\"state\":\"default\"").contains("\"usable\":true")
                .doesNotContain("masterKey").doesNotContain("<value>");
    }

    @Test
    void create_withDates_storesThem() {
        Cli.Result created = Cli.run(Cli.with(ring(), "create", "--activation", "2030-01-01",
                "--expiration", "2030-04-01T00:00:00Z", "--json"));

        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.out()).contains("\"activationDate\":\"2030-01-01T00:00:00Z\"")
                .contains("\"expirationDate\":\"2030-04-01T00:00:00Z\"");
        String id = created.out().replaceAll("(?s).*\"created\":\"([^\"]+)\".*", "$1").strip();
        Cli.Result show = Cli.run(Cli.with(ring(), "show", id));
        assertThat(show.out()).contains("state:           pending");
    }

    @Test
    void show_knownKey_printsDetails_unknownKeyExitsFour() {
        String id = createKey();

        Cli.Result show = Cli.run(Cli.with(ring(), "show", id));
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("id:              " + id).contains("algorithms:      AES_256_CBC+HMACSHA256")
                .contains("encrypted with:  " + expectedEncryption());
        Cli.Result unknown = Cli.run(Cli.with(ring(), "show", "00000000-0000-0000-0000-000000000001"));
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.err()).contains("has no key 00000000-0000-0000-0000-000000000001");
    }

    @Test
    void revokeOne_withYes_revokesOnlyThatKey() {
        String first = createKey();
        String second = createKey();

        Cli.Result revoke = Cli.run(Cli.with(ring(), "revoke", first, "--yes", "--reason", "laptop stolen"));

        assertThat(revoke.code()).as(revoke.toString()).isZero();
        assertThat(Cli.run(Cli.with(ring(), "show", first)).out()).contains("state:           revoked");
        assertThat(Cli.run(Cli.with(ring(), "show", second)).out()).doesNotContain("revoked");
    }

    @Test
    void revokeAll_withoutYesAndNoStdin_refusesAndChangesNothing() {
        String id = createKey();

        Cli.Result revoke = Cli.run(Cli.with(ring(), "revoke", "--all", "--before", "now"));

        assertThat(revoke.code()).as(revoke.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(revoke.err()).contains("Revoke all 1 keys").contains("pass --yes");
        assertThat(Cli.run(Cli.with(ring(), "show", id)).out()).doesNotContain("revoked");
    }

    @Test
    void revokeAll_confirmedOnStdin_revokesEveryOlderKey() {
        String id = createKey();

        Cli.Result revoke = Cli.runWithInput("yes\n", Cli.with(ring(), "revoke", "--all", "--before", "now"));

        assertThat(revoke.code()).as(revoke.toString()).isZero();
        assertThat(Cli.run(Cli.with(ring(), "show", id)).out()).contains("state:           revoked");
    }

    @Test
    void revokeAll_withYes_revokesWithoutAsking_andAnswerNoChangesNothing() {
        String id = createKey();
        Cli.Result declined = Cli.runWithInput("no\n", Cli.with(ring(), "revoke", "--all", "--before", "now"));
        assertThat(declined.code()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run(Cli.with(ring(), "show", id)).out()).doesNotContain("revoked");

        Cli.Result revoke = Cli.run(Cli.with(ring(), "revoke", "--all", "--before", "now", "--yes", "--json"));

        assertThat(revoke.code()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).contains("\"revoked\":[\"" + id + "\"]");
        assertThat(revoke.err()).doesNotContain("Type yes");
    }

    @Test
    void exportThenImport_intoAnEmptyDirectory_copiesTheRing_andSecondImportSkipsEveryKey() throws Exception {
        String id = createKey();
        Cli.run(Cli.with(ring(), "revoke", id, "--yes"));
        Path export = temp.resolve("export.xml");

        Cli.Result exported = Cli.run(Cli.with(ring(), "export", "--file", export.toString()));
        assertThat(exported.code()).as(exported.toString()).isZero();
        assertThat(Files.readString(export)).startsWith("<?xml").contains("<repository>").contains(id);

        String[] copy = { "--directory", temp.resolve("copy").toString() };
        Cli.Result imported = Cli.run(Cli.with(copy, "import", export.toString(), "--json"));
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("\"imported\":[\"" + id + "\"]").contains("\"revocationsImported\":1");
        assertThat(Cli.run(Cli.with(copy, "show", id)).out()).contains("state:           revoked");

        Cli.Result again = Cli.run(Cli.with(copy, "import", export.toString(), "--json"));
        assertThat(again.out()).contains("\"imported\":[]").contains("\"revocationsImported\":0").contains(id);
    }

    @Test
    void inspect_payloadFromAnotherProviderInstance_findsItsKey_andUnprotectsOnlyWithThePurposes() {
        String payload;
        String keyId;
        try (DataProtectionProvider service = serviceBuilder().applicationName("orders").build()) {
            DataProtector protector = service.createProtector("session", "v1");
            payload = protector.protect("the secret plaintext");
            keyId = service.status().defaultKeyId().orElseThrow().toString();
        }

        Cli.Result inspect = Cli.run(Cli.with(ring(), "inspect", payload));
        assertThat(inspect.code()).as(inspect.toString()).isZero();
        assertThat(inspect.out()).contains("magic header: 09F0C9F0").contains("key id:       " + keyId)
                .contains("in this ring: yes, default").doesNotContain("unprotect");

        Cli.Result right = Cli.run(Cli.with(ring(), "inspect", payload, "--unprotect", "--purpose", "session",
                "--purpose", "v1", "--application-name", "orders", "--json"));
        assertThat(right.code()).as(right.toString()).isZero();
        assertThat(right.out()).contains("\"succeeded\":true").contains("\"plaintextBytes\":20")
                .doesNotContain("secret");

        Cli.Result wrong = Cli.run(Cli.with(ring(), "inspect", payload, "--unprotect", "--purpose", "session",
                "--application-name", "orders"));
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(wrong.out()).contains("unprotect:    failed with orders > session").doesNotContain("secret");
    }

    @Test
    void inspect_payloadOfAnotherRing_orNotAPayload_exitsFour() {
        String foreign;
        try (DataProtectionProvider other = DataProtectionProvider.builder()
                .repository(new io.quarkiverse.dataprotection.store.InMemoryXmlRepository()).build()) {
            foreign = other.createProtector("session").protect("x");
        }
        createKey();

        Cli.Result notHere = Cli.run(Cli.with(ring(), "inspect", foreign, "--json"));
        assertThat(notHere.code()).as(notHere.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(notHere.out()).contains("\"validHeader\":true").contains("\"inRing\":false");

        Cli.Result garbage = Cli.run(Cli.with(ring(), "inspect", "aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgaXQ"));
        assertThat(garbage.code()).as(garbage.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(garbage.out()).contains("not an ASP.NET Core data protection payload");
    }

    @Test
    void commands_neverCreateAKeyOnTheirOwn() {
        for (List<String> command : List.of(List.of("list"), List.of("export"),
                List.of("inspect", "CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))) {
            Cli.run(Cli.with(ring(), command.toArray(String[]::new)));
        }

        assertThat(Cli.run(Cli.with(ring(), "list")).out()).contains("The ring has no keys.");
    }
}
