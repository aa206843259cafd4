package io.quarkiverse.dataprotection.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Another process holding the key directory's {@code .lock} (a writer that hangs). Reads take no lock, so start-up
 * and an unknown-key unprotect are not held up at all; a write waits for the lock timeout and then fails naming the
 * directory and the lock file, and succeeds once the lock is released.
 */
class FileSystemXmlRepositoryLockTest {

    /** Only a guard against a hang: the holder never lets go while these run. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    @Timeout(120)
    void lockHeldByAnotherProcess_readsDoNotWait_andAWriteTimesOutNamingTheLockFile() throws Exception {
        Path keys = temp.resolve("keys");
        String payload;
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(new FileSystemXmlRepository(keys))
                .backgroundRefresh(false).build()) {
            payload = provider.createProtector("cart").protect("x");
        }
        String unknownKeyPayload;
        try (DataProtectionProvider other = DataProtectionProvider.builder()
                .repository(new FileSystemXmlRepository(temp.resolve("other"))).backgroundRefresh(false).build()) {
            unknownKeyPayload = other.createProtector("cart").protect("y");
        }
        Path lockFile = keys.resolve(DirectoryLock.FILE_NAME);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("LOCKED");
            FileSystemXmlRepository store = new FileSystemXmlRepository(keys, Duration.ofSeconds(1));

            long start = System.nanoTime();
            DataProtectionProvider provider = assertTimeoutPreemptively(HANG_GUARD, () -> DataProtectionProvider
                    .builder().repository(store).backgroundRefresh(false).build());
            long buildMillis = (System.nanoTime() - start) / 1_000_000;
            try (provider) {
                assertThat(provider.status().isReady()).isTrue();
                assertThat(provider.createProtector("cart").unprotect(payload)).isEqualTo("x");
                start = System.nanoTime();
                assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(
                        () -> provider.createProtector("cart").unprotect(unknownKeyPayload))
                        .isInstanceOf(DataProtectionException.class));
                long unknownKeyMillis = (System.nanoTime() - start) / 1_000_000;

                start = System.nanoTime();
                assertThatThrownBy(() -> store.add("<key id=\"2\"/>", "key-2"))
                        .isInstanceOf(XmlRepositoryException.class)
                        .hasMessageContaining("key directory " + keys)
                        .hasMessageContaining("another process has held its lock file " + lockFile)
                        .hasMessageContaining("PT1S");
                long writeMillis = (System.nanoTime() - start) / 1_000_000;
                Measurements.record("file lock held by another process", "build() %d ms, ready; unknown-key "
                        + "unprotect refused after %d ms; a write with a 1 s lock timeout failed after %d ms",
                        buildMillis, unknownKeyMillis, writeMillis);

                holder.getOutputStream().close(); // the holder releases the lock and exits
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
                store.add("<key id=\"2\"/>", "key-2");
                assertThat(store.readAll()).extracting(StoredElement::name).contains("key-2.xml");
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Child: locks the file as a writer would, says LOCKED, and holds it until its standard input closes. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var lock = channel.lock()) {
                System.out.println("LOCKED");
                System.out.flush();
                System.in.readAllBytes();
            }
        }
    }
}
