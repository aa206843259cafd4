package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/** Every key file deleted under running instances: they restore the files they had read; nothing is minted. */
class FileStoreKeyLossTest {

    @TempDir
    Path directory;

    final MutableClock clock = MutableClock.at("2026-07-01T00:00:00Z");

    @Test
    void everyKeyFileDeleted_theRunningInstancesRestoreThem_withTheSameNamesAndContent() throws IOException {
        try (DataProtectionProvider a = provider(); DataProtectionProvider b = provider()) {
            byte[] fromA = a.createProtector("p").protect(new byte[] { 1 });
            List<String> before = files();
            b.createProtector("p").unprotect(fromA);

            wipe();
            clock.advance(Duration.ofMinutes(2));
            byte[] fromB = b.createProtector("p").protect(new byte[] { 2 });
            assertThat(a.createProtector("p").unprotect(fromB)).containsExactly(2);
            assertThat(files()).as("the same files again, nothing new").isEqualTo(before);
            assertThat(b.status().lastKeyLoss()).get().satisfies(loss -> assertThat(loss.restoredElements()).isOne());
        }
    }

    @Test
    void everyKeyFileDeleted_thenANewInstanceStartsFirstAndCreatesAKey_everyInstanceEndsWithBothKeys()
            throws IOException {
        try (DataProtectionProvider a = provider(); DataProtectionProvider b = provider()) {
            byte[] old = a.createProtector("p").protect(new byte[] { 1 });
            b.createProtector("p").unprotect(old);

            wipe();
            try (DataProtectionProvider c = provider()) {
                assertThat(files()).as("C found the directory empty and created a key").hasSize(1);
                clock.advance(Duration.ofMinutes(2));
                a.createProtector("p").protect(new byte[] { 0 }); // A's refresh: its key is missing, A restores it
                b.createProtector("p").protect(new byte[] { 0 });
                c.createProtector("p").protect(new byte[] { 0 });

                for (DataProtectionProvider instance : List.of(a, b, c)) {
                    assertThat(instance.createProtector("p").unprotect(old)).containsExactly(1);
                    assertThat(instance.status().keyCount()).as("no instance drops a key").isEqualTo(2);
                }
                assertThat(files()).as("the old key once, the new key once").hasSize(2);
                assertThat(a.status().defaultKeyId()).as("all agree on the default key")
                        .isEqualTo(b.status().defaultKeyId()).isEqualTo(c.status().defaultKeyId());
            }
        }
    }

    private DataProtectionProvider provider() {
        return DataProtectionProvider.builder().repository(new FileSystemXmlRepository(directory)).clock(clock)
                .refreshPeriod(Duration.ofMinutes(1)).backgroundRefresh(false).build();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        }
    }

    private void wipe() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).toList()) {
                Files.delete(file);
            }
        }
    }
}
