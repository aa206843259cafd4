package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/**
 * With the file store's constant-time version, a change is still seen by the version poll: a key file written as a
 * .NET application writes it (no lock, no marker), and a key created by another instance. The watching instance
 * refreshes only every hour, so nothing but the poll can show it the change.
 */
class FileStoreChangeDetectionTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void keyFileWrittenAsDotNetWritesIt_isSeenByThePoll() throws Exception {
        try (DataProtectionProvider watching = watching()) {
            UUID id = UUID.randomUUID();
            Instant now = Instant.now();
            String xml = KeyXml.writeKey(id, now, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(91)),
                    AlgorithmConfiguration.DEFAULT, Secret.random(64, RandomSource.secure()), null);
            writeAsDotNet("key-" + id + ".xml", xml);

            awaitKey(watching, id);
        }
    }

    @Test
    @Timeout(30)
    void keyCreatedByAnotherInstance_isSeenByThePoll() throws Exception {
        try (DataProtectionProvider watching = watching();
                DataProtectionProvider other = DataProtectionProvider.builder()
                        .repository(new FileSystemXmlRepository(dir)).backgroundRefresh(false).build()) {
            Instant now = Instant.now();
            Key created = other.keyManager().createNewKey(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(91)));

            awaitKey(watching, created.id());
        }
    }

    private DataProtectionProvider watching() {
        return DataProtectionProvider.builder().repository(new FileSystemXmlRepository(dir))
                .refreshPeriod(Duration.ofHours(1)).changePollPeriod(Duration.ofMillis(100)).build();
    }

    private void writeAsDotNet(String name, String xml) throws IOException {
        Path temp = dir.resolve(UUID.randomUUID() + ".tmp"); // ASP.NET writes a temporary file, then moves it
        Files.writeString(temp, xml, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(name));
    }

    private static void awaitKey(DataProtectionProvider provider, UUID id) throws InterruptedException {
        while (provider.status().nextKeyActivation().isEmpty()) {
            Thread.sleep(20);
        }
        assertThat(provider.keyManager().getAllKeys()).extracting(Key::id).contains(id);
    }
}
