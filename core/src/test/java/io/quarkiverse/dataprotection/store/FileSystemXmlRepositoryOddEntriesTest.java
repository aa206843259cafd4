package io.quarkiverse.dataprotection.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.spi.StoredElement;

/**
 * Entries of a key directory that are not plain key files. None of them may fail the whole read: an entry the store
 * cannot read is returned as unreadable (the key manager treats it as malformed XML), and something that is not a
 * file at all is skipped with one warning. Permission cases need another user than root: see
 * {@link FileSystemXmlRepositoryUnprivilegedTest}.
 */
class FileSystemXmlRepositoryOddEntriesTest {

    private static final String KEY = "<key id=\"1\"/>";

    @TempDir
    Path dir;

    @Test
    void fileNotValidUtf8_isUnreadable_andTheOtherEntriesAreRead() throws IOException {
        Files.writeString(dir.resolve("key-1.xml"), KEY);
        Files.write(dir.resolve("latin1.xml"), "<key note=\"caf\u00e9\"/>".getBytes(StandardCharsets.ISO_8859_1));

        List<StoredElement> read = new FileSystemXmlRepository(dir).readAll();

        assertThat(read).extracting(StoredElement::name).containsExactly("key-1.xml", "latin1.xml");
        assertThat(read.get(0).xml()).isEqualTo(KEY);
        assertThat(read.get(1).isReadable()).isFalse();
        assertThat(read.get(1).problem()).isEqualTo("not valid UTF-8");
        assertThat(read.get(1).toString()).doesNotContain("caf");
    }

    @Test
    void fileWithUtf8ByteOrderMark_isReadWithoutIt() throws IOException {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
        byte[] xml = "<key note=\"caf\u00e9\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + xml.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(xml, 0, file, bom.length, xml.length);
        Files.write(dir.resolve("key-bom.xml"), file);

        assertThat(new FileSystemXmlRepository(dir).readAll()).extracting(StoredElement::xml)
                .containsExactly("<key note=\"caf\u00e9\"/>");
    }

    @Test
    void directoryNamedXml_isSkipped_withOneWarningNamingIt() throws IOException {
        Files.writeString(dir.resolve("key-1.xml"), KEY);
        Files.createDirectory(dir.resolve("key-2.xml"));
        Files.writeString(dir.resolve("key-2.xml").resolve("inside.xml"), "<key id=\"2\"/>");
        FileSystemXmlRepository store = new FileSystemXmlRepository(dir);

        try (CapturedLog log = CapturedLog.of(FileSystemXmlRepository.class)) {
            assertThat(store.readAll()).extracting(StoredElement::name).containsExactly("key-1.xml");
            assertThat(store.readVersioned().elements()).hasSize(1);

            assertThat(log.warnings()).filteredOn(w -> w.contains("key-2.xml")).singleElement().asString()
                    .contains("Skipping key-2.xml", dir.toAbsolutePath().toString(), "it is a directory")
                    .doesNotContain("<key");
        }
    }

    @Test
    void namedPipeAndLinkToNothing_areSkipped_withoutBlockingTheRead() throws Exception {
        Files.writeString(dir.resolve("key-1.xml"), KEY);
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.xml").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.createSymbolicLink(dir.resolve("gone.xml"), dir.resolve("nowhere"));
        FileSystemXmlRepository store = new FileSystemXmlRepository(dir);

        try (CapturedLog log = CapturedLog.of(FileSystemXmlRepository.class)) {
            // Opening a pipe for reading blocks until a writer comes: the guard turns a hang into a failure.
            List<StoredElement> read = assertTimeoutPreemptively(Duration.ofSeconds(30), store::readAll);

            assertThat(read).extracting(StoredElement::name).containsExactly("key-1.xml");
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("pipe.xml", "not a regular file"));
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("gone.xml", "symbolic link to nothing"));
        }
    }

    @Test
    void fileLargerThanAnyKeyElement_isUnreadable_notLoaded() throws IOException {
        Files.writeString(dir.resolve("key-1.xml"), KEY);
        Files.write(dir.resolve("huge.xml"), new byte[KeyFiles.MAX_ELEMENT_BYTES + 1]);

        List<StoredElement> read = new FileSystemXmlRepository(dir).readAll();

        assertThat(read).extracting(StoredElement::name).containsExactly("huge.xml", "key-1.xml");
        assertThat(read).extracting(StoredElement::problem)
                .containsExactly("larger than " + KeyFiles.MAX_ELEMENT_BYTES + " bytes", null);
    }

    @Test
    void directoryOpenToOthers_warnsOnceAtTheFirstRead_namingThePermissionsAndTheFix() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(open.resolve("key-1.xml"), KEY);
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        FileSystemXmlRepository openStore = new FileSystemXmlRepository(open);

        try (CapturedLog log = CapturedLog.of(FileSystemXmlRepository.class)) {
            openStore.readAll();
            openStore.readVersioned();
            new FileSystemXmlRepository(closed).readAll();

            assertThat(log.warnings()).singleElement().asString()
                    .contains(open.toString(), "rwxr-xr-x", "chmod 700 " + open)
                    .doesNotContain("<key");
        }
    }
}
