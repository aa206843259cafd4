package io.quarkiverse.dataprotection.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * The file store's constant-time version (issue 11): the directory's modification time plus a marker our writers
 * replace. The modification time is pinned by hand here to stand for a coarse file-system clock, or to age it past
 * the "not settled" window.
 */
class FileSystemXmlRepositoryVersionTest {

    static final FileTime LONG_AGO = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path temp;
    Path dir;
    FileSystemXmlRepository store;

    @BeforeEach
    void store() throws IOException {
        dir = temp.resolve("keys");
        store = new FileSystemXmlRepository(dir);
        store.add("<key id='1'/>", "key-1");
    }

    @Test
    void settledDirectory_sameVersionWithoutChanges() throws IOException {
        settle(LONG_AGO);
        String version = store.version();

        assertThat(store.version()).isEqualTo(version);
        assertThat(new FileSystemXmlRepository(dir).version()).as("another instance").isEqualTo(version);
        assertThat(store.readVersioned().version()).isEqualTo(version);
    }

    @Test
    void ourWrite_changesTheVersion_evenWhenTheDirectoryTimeDoesNotMove() throws IOException {
        settle(LONG_AGO);
        String before = store.version();

        store.add("<key id='2'/>", "key-2");
        settle(LONG_AGO); // a clock so coarse that the write left the directory time as it was

        assertThat(store.version()).isNotEqualTo(before);
    }

    @Test
    void foreignWrite_asDotNetWritesAFile_changesTheVersion() throws IOException {
        settle(LONG_AGO);
        String before = store.version();

        Files.writeString(dir.resolve("key-dotnet.xml"), "<key id='3'/>", StandardCharsets.UTF_8); // no lock, no marker
        settle(FileTime.from(LONG_AGO.toInstant().plusMillis(4))); // one coarse tick later

        assertThat(store.version()).isNotEqualTo(before);
        assertThat(store.readAll()).extracting(StoredElement::name).contains("key-dotnet.xml");
    }

    @Test
    void recentlyChangedDirectory_isNotSettled_everyCallDiffers_butACompareAndAppendStillSucceeds() {
        // the add in store() just changed the directory: a foreign write in the same tick would not move its time
        String first = store.version();
        String second = store.version();

        assertThat(second).isNotEqualTo(first);
        assertThat(DirectoryVersion.stable(second)).isEqualTo(DirectoryVersion.stable(first));
        assertThat(store.addIfVersion(first, "<key id='2'/>", "key-2")).as("nothing changed in between").isTrue();
        assertThat(store.addIfVersion(first, "<key id='3'/>", "key-3")).as("the append above changed it").isFalse();
    }

    @Test
    void aFileReplacedUnderItsName_withTheSameSizeAndTime_isReadAgain() throws IOException {
        settle(LONG_AGO);
        VersionedXmlRepository.VersionedElements first = store.readVersioned();
        Path file = dir.resolve("key-1.xml");
        FileTime time = Files.getLastModifiedTime(file);
        Path replacement = dir.resolve("replacement.tmp");
        Files.writeString(replacement, "<key id='9'/>", StandardCharsets.UTF_8); // as long as the original
        Files.setLastModifiedTime(replacement, time);
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        List<StoredElement> again = store.readAll();

        assertThat(first.elements()).extracting(StoredElement::xml).containsExactly("<key id='1'/>");
        assertThat(again).extracting(StoredElement::xml).as("a new inode: not the cached content")
                .containsExactly("<key id='9'/>");
    }

    @Test
    void markerFile_isNotAnElement_andAReadOnlyCopyWithoutItStillHasAVersion() throws IOException {
        assertThat(Files.exists(dir.resolve(DirectoryVersion.MARKER_FILE))).isTrue();
        assertThat(store.readAll()).extracting(StoredElement::name).containsExactly("key-1.xml");

        Path mount = temp.resolve("mount"); // as a Kubernetes Secret mount: the key files only
        Files.createDirectories(mount);
        Files.copy(dir.resolve("key-1.xml"), mount.resolve("key-1.xml"));
        Files.setLastModifiedTime(mount, LONG_AGO);
        FileSystemXmlRepository readOnly = new FileSystemXmlRepository(mount);

        assertThat(readOnly.version()).isEqualTo(readOnly.version()).startsWith("-:");
        assertThat(new FileSystemXmlRepository(temp.resolve("missing")).version()).isEqualTo("empty");
    }

    private void settle(FileTime time) throws IOException {
        Files.setLastModifiedTime(dir, time);
    }
}
