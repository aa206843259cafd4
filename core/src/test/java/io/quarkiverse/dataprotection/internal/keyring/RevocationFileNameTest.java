package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/** Revoke-all file names as .NET's {@code revocation-{yyyyMMddTHHmmssFFFFFFFZ}}: no trailing fraction zeros. */
class RevocationFileNameTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({
            "2025-06-01T12:34:56.789Z, revocation-20250601T123456789Z.xml",
            "2025-06-01T12:34:56Z, revocation-20250601T123456Z.xml",
            "2025-06-01T12:34:56.1234567Z, revocation-20250601T1234561234567Z.xml",
            "2025-06-01T12:34:56.12345678Z, revocation-20250601T1234561234567Z.xml" })
    void revokeAll_writesTheFileNameDotNetWrites(String date, String expected) throws IOException {
        try (DataProtectionProvider provider = DataProtectionProvider.builder()
                .repository(new FileSystemXmlRepository(directory))
                .backgroundRefresh(false).build()) {
            provider.keyManager().revokeAllKeys(Instant.parse(date), "rotation");
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains(expected);
        }
    }
}
