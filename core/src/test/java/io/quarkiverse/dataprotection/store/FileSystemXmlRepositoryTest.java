package io.quarkiverse.dataprotection.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

class FileSystemXmlRepositoryTest {

    @TempDir
    Path temp;

    @Test
    void keys_areWrittenAsAspNetFileNames_ownerOnly_withNoTemporaryFilesLeft() throws IOException {
        Path dir = temp.resolve("keys");
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(new FileSystemXmlRepository(dir))
                .backgroundRefresh(false).build()) {
            Key key = provider.keyManager().getAllKeys().get(0);
            provider.keyManager().revokeKey(key.id(), "test");
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock"))
                        .filter(n -> !n.equals(".version")).sorted().toList();
            }
            assertThat(names).contains("key-" + key.id() + ".xml", "revocation-" + key.id() + ".xml");
            assertThat(names).allMatch(n -> n.endsWith(".xml"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key-" + key.id() + ".xml"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".version"))))
                    .as("the version marker, which ASP.NET never reads (not *.xml)").isEqualTo("rw-------");
        }
    }

    @Test
    void twoProvidersOnOneDirectory_readEachOthersPayloads() {
        Path dir = temp.resolve("shared");
        try (DataProtectionProvider a = DataProtectionProvider.builder().applicationName("app")
                .repository(new FileSystemXmlRepository(dir)).backgroundRefresh(false).build();
                DataProtectionProvider b = DataProtectionProvider.builder().applicationName("app")
                        .repository(new FileSystemXmlRepository(dir)).backgroundRefresh(false).build()) {
            assertThat(b.keyManager().getAllKeys()).hasSize(1);
            byte[] fromA = a.createProtector("p").protect(new byte[] { 1, 2 });
            assertThat(b.createProtector("p").unprotect(fromA)).containsExactly(1, 2);
            byte[] fromB = b.createProtector("p").protect(new byte[] { 3 });
            assertThat(a.createProtector("p").unprotect(fromB)).containsExactly(3);
        }
    }

    @Test
    void readAll_ignoresOtherFiles_andRemoveDeletesExactlyTheElement() throws IOException {
        FileSystemXmlRepository store = new FileSystemXmlRepository(temp);
        Files.writeString(temp.resolve("notes.txt"), "not a key");
        store.add("<a/>", "key-one");
        store.add("<b/>", "key-two");
        List<StoredElement> all = store.readAll();
        assertThat(all).extracting(StoredElement::name).containsExactly("key-one.xml", "key-two.xml");
        store.remove(List.of(all.get(0)));
        assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly("<b/>");
    }

    @Test
    void sameFriendlyNameTwice_keepsBothElements() {
        FileSystemXmlRepository store = new FileSystemXmlRepository(temp);
        store.add("<first/>", "revocation-x");
        store.add("<second/>", "revocation-x");
        assertThat(store.readAll()).extracting(StoredElement::xml).containsExactlyInAnyOrder("<first/>", "<second/>");
    }

    @Test
    void keyDirectoryPathIsAFile_failsTheReadNamingIt() throws IOException {
        Path file = Files.writeString(temp.resolve("keys"), "not a directory");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileSystemXmlRepository(file).readAll())
                .isInstanceOf(XmlRepositoryException.class)
                .hasMessageContaining("The key directory " + file + " is not a directory");
    }

    @Test
    void missingDirectory_readsAsEmpty() {
        assertThat(new FileSystemXmlRepository(temp.resolve("absent")).readAll()).isEmpty();
        assertThat(new FileSystemXmlRepository(temp).description()).isEqualTo("file:" + temp.toAbsolutePath());
    }
}
