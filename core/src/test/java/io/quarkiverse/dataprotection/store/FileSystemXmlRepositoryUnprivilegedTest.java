package io.quarkiverse.dataprotection.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.UnprivilegedJvm;

/**
 * The file store as an unprivileged user (root reads and writes any file whatever its mode): the reading part runs
 * in a child JVM as {@code nobody}, over a directory this JVM prepared.
 */
class FileSystemXmlRepositoryUnprivilegedTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);
    private static final String APPLICATION = "shop";

    /**
     * A Kubernetes Secret or ConfigMap mount, or a read-only volume: files the user may read, in a directory it may
     * not write (and no {@code .lock}). Reading must work, with key generation on; writing must say why it cannot.
     */
    @Test
    @Timeout(120)
    void readOnlyDirectory_readsKeysAndUnprotects_andAWriteFailsNamingTheDirectoryPermissionAndFix() throws Exception {
        try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
            Path keys = jvm.directory().resolve("keys");
            String payload;
            try (DataProtectionProvider provider = DataProtectionProvider.builder().applicationName(APPLICATION)
                    .repository(new FileSystemXmlRepository(keys)).backgroundRefresh(false).build()) {
                payload = provider.createProtector("cart").protect("secret plaintext");
            }
            Files.delete(keys.resolve(DirectoryLock.FILE_NAME));
            chmodFiles(keys, "r--r--r--");
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("r-xr-xr-x"));

            try {
                UnprivilegedJvm.Result result = jvm.run(CHILD_TIMEOUT, ReadOnlyKeys.class, keys.toString(), payload);

                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).contains("ELEMENTS 1", "READY true", "UNPROTECTED secret plaintext");
                String failure = line(result.output(), "WRITE-FAILED ");
                assertThat(failure).contains("key directory " + keys, "autoGenerateKeys(false)")
                        .contains(UnprivilegedJvm.runningAsRoot() ? "permission denied for user nobody"
                                : "permission denied for user");
                assertThat(keys.resolve(DirectoryLock.FILE_NAME)).doesNotExist();
            } finally {
                Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Test
    @Timeout(120)
    void unreadableFile_isReturnedUnreadable_andTheOtherFilesAreRead() throws Exception {
        try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
            Path keys = Files.createDirectory(jvm.directory().resolve("keys"));
            Files.writeString(keys.resolve("key-1.xml"), "<key id=\"1\"/>");
            Files.writeString(keys.resolve("key-2.xml"), "<key id=\"2\"/>");
            chmodFiles(keys, "rw-r--r--");
            Files.setPosixFilePermissions(keys.resolve("key-2.xml"), PosixFilePermissions.fromString("---------"));

            UnprivilegedJvm.Result result = jvm.run(CHILD_TIMEOUT, ListElements.class, keys.toString());

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("key-1.xml readable 13 chars")
                    .contains("key-2.xml unreadable: permission denied for user");
        }
    }

    @Test
    @Timeout(120)
    void directoryThatCannotBeListed_failsTheReadNamingTheDirectoryAndTheFix() throws Exception {
        try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
            Path keys = Files.createDirectory(jvm.directory().resolve("keys"));
            Files.writeString(keys.resolve("key-1.xml"), "<key id=\"1\"/>");
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("--x--x--x"));
            try {
                UnprivilegedJvm.Result result = jvm.run(CHILD_TIMEOUT, ListElements.class, keys.toString());

                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(line(result.output(), "READ-FAILED ")).contains("Cannot list the key directory " + keys,
                        "permission denied", "read and execute permission");
            } finally {
                Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Test
    @Timeout(120)
    void directoryBehindAParentTheUserCannotEnter_failsTheReadInsteadOfReadingAsEmpty() throws Exception {
        try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
            Path parent = Files.createDirectory(jvm.directory().resolve("private"));
            Path keys = Files.createDirectory(parent.resolve("keys"));
            Files.writeString(keys.resolve("key-1.xml"), "<key id=\"1\"/>");
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rw-rw-rw-"));
            try {
                UnprivilegedJvm.Result result = jvm.run(CHILD_TIMEOUT, ListElements.class, keys.toString());

                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(line(result.output(), "READ-FAILED ")).contains("Cannot list the key directory " + keys,
                        "permission denied", "execute permission on every directory above it");
            } finally {
                Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    private static void chmodFiles(Path directory, String permissions) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            }
        }
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("No line starting with " + prefix + " in:\n" + output));
    }

    /** Child: reads the ring, starts a provider with key generation on, unprotects, then tries to write. */
    public static final class ReadOnlyKeys {
        public static void main(String[] args) {
            FileSystemXmlRepository store = new FileSystemXmlRepository(Path.of(args[0]));
            System.out.println("ELEMENTS " + store.readAll().size());
            try (DataProtectionProvider provider = DataProtectionProvider.builder().applicationName(APPLICATION)
                    .repository(store).backgroundRefresh(false).build()) {
                System.out.println("READY " + provider.status().isReady());
                System.out.println("UNPROTECTED " + provider.createProtector("cart").unprotect(args[1]));
            }
            try {
                store.add("<key id=\"2\"/>", "key-2");
                System.out.println("WRITE-SUCCEEDED");
            } catch (XmlRepositoryException e) {
                System.out.println("WRITE-FAILED " + e.getMessage());
            }
        }
    }

    /** Child: prints each element's name and whether it was readable, or why the whole read failed. */
    public static final class ListElements {
        public static void main(String[] args) {
            try {
                List<StoredElement> elements = new FileSystemXmlRepository(Path.of(args[0])).readAll();
                for (StoredElement element : elements) {
                    System.out.println(element.name() + (element.isReadable()
                            ? " readable " + element.xml().length() + " chars"
                            : " unreadable: " + element.problem()));
                }
            } catch (XmlRepositoryException e) {
                System.out.println("READ-FAILED " + e.getMessage());
            }
        }
    }
}
