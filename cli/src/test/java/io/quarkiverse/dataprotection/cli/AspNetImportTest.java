package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import of key XML as ASP.NET Core writes it: a PersistKeysToFileSystem directory, or one repository document. */
class AspNetImportTest {

    private static final String DOCS_KEY = "80732141-ec8f-4b80-af9c-c4d2d1ff8901";
    private static final String FILE_SYSTEM_KEY = "a5fc051e-6bf3-4fb8-b5e5-1e62193dbd37";
    private static final String ENCRYPTED_KEY = "3c2b1a09-8f7e-4d6c-9b5a-493827160504";
    private static final String GCM_KEY = "0b6f2c7e-3d1a-4c55-9e8f-2a7b6c5d4e3f";

    @TempDir
    Path temp;

    String[] store() {
        return new String[] { "--directory", temp.resolve("store").toString() };
    }

    static String resource(String name) throws IOException {
        try (InputStream in = AspNetImportTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Path aspNetDirectory() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("aspnet-keys"));
        Files.writeString(directory.resolve("key-" + DOCS_KEY + ".xml"), resource("docs-sample-key.xml"));
        Files.writeString(directory.resolve("key-" + FILE_SYSTEM_KEY + ".xml"), resource("filesystem-key.xml"));
        Files.writeString(directory.resolve("key-" + ENCRYPTED_KEY + ".xml"), resource("encrypted-key.xml"));
        Files.writeString(directory.resolve("revocation-20150320T224545.xml"), resource("revocation-one-key.xml"));
        return directory;
    }

    @Test
    void importDirectory_writtenByAspNet_addsEveryKeyAndRevocation_asTheRingReadsThem() throws Exception {
        Cli.Result imported = Cli.run(Cli.with(store(), "import", aspNetDirectory().toString(), "--json"));

        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains(DOCS_KEY, FILE_SYSTEM_KEY, ENCRYPTED_KEY)
                .contains("\"revocationsImported\":1").contains("\"skipped\":[]");
        Cli.Result list = Cli.run(Cli.with(store(), "list"));
        assertThat(list.out()).containsPattern(DOCS_KEY + " .* revoked +none \\(unencrypted\\)")
                .containsPattern(FILE_SYSTEM_KEY + " .* expired +none \\(unencrypted\\)")
                .containsPattern(ENCRYPTED_KEY + " .* unusable +certificate");
        assertThat(Cli.run(Cli.with(store(), "show", FILE_SYSTEM_KEY)).out())
                .contains("AES_192_CBC+HMACSHA256");
    }

    @Test
    void importRepositoryDocument_addsItsElements() throws Exception {
        Path document = temp.resolve("repository.xml");
        Files.writeString(document, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<repository>\n"
                + resource("docs-sample-key.xml") + "\n" + resource("gcm-key.xml") + "\n"
                + resource("revocation-one-key.xml") + "\n</repository>\n");

        Cli.Result imported = Cli.run(Cli.with(store(), "import", document.toString()));

        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported 2 keys (" + DOCS_KEY + ", " + GCM_KEY + ") and 1 revocations");
        assertThat(Cli.run(Cli.with(store(), "show", GCM_KEY)).out()).contains("AES_256_GCM");
    }

    @Test
    void import_neverOverwritesAKeyWhoseIdTheStoreHolds() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        String existing = resource("docs-sample-key.xml").replace("2015-06-17", "2015-07-17");
        Files.writeString(store.resolve("key-" + DOCS_KEY + ".xml"), existing);

        Cli.Result imported = Cli.run(Cli.with(store(), "import", aspNetDirectory().toString(), "--json"));

        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("\"skipped\":[\"" + DOCS_KEY + "\"]");
        assertThat(Files.readString(store.resolve("key-" + DOCS_KEY + ".xml"))).isEqualTo(existing);
        assertThat(Cli.run(Cli.with(store(), "show", DOCS_KEY)).out()).contains("2015-07-17");
    }

    @Test
    void import_ofAFileWithADoctype_orAKeyWithoutAGuid_importsNothing_andExitsOne() throws Exception {
        Path directory = aspNetDirectory();
        Files.writeString(directory.resolve("key-zzz.xml"), "<key id=\"not-a-guid\" version=\"1\"/>");
        Path doctype = temp.resolve("entity.xml");
        Files.writeString(doctype, "<!DOCTYPE key [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><key id=\"&x;\"/>");

        Cli.Result badId = Cli.run(Cli.with(store(), "import", directory.toString()));
        Cli.Result withDoctype = Cli.run(Cli.with(store(), "import", doctype.toString()));

        assertThat(badId.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badId.err()).contains("key-zzz.xml").contains("is not a GUID").contains("nothing was imported");
        assertThat(withDoctype.code()).isEqualTo(ExitCode.USAGE);
        assertThat(withDoctype.err()).contains("DOCTYPE").doesNotContain("root:");
        assertThat(Cli.run(Cli.with(store(), "list")).out()).contains("The ring has no keys.");
    }
}
