package io.quarkiverse.dataprotection.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Fuzzes {@link DataProtector#unprotect(byte[])} (plain, persisted, time-limited, and from base64url text) over fixed in-memory
 * key rings,
 * one CBC+HMAC and one GCM: whatever the bytes, nothing but a {@link DataProtectionException} may escape.
 * <p>
 * An input whose first byte is odd gets the real payload header (magic and the ring's key id) in front of the rest,
 * so the fuzzer reaches the encryptors and not only the header checks; bit 1 of that byte picks the GCM ring. It
 * cannot get past the MAC (10 minutes added no coverage); {@link ProtectRoundTripFuzzTest} does, with keys it knows.
 * <p>
 * Under {@code mvn test} only the seeds in {@code UnprotectFuzzTestInputs/} run; see docs reliability.adoc to fuzz.
 */
class UnprotectFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Ring CBC = new Ring(AlgorithmConfiguration.DEFAULT);
    private static final Ring GCM = new Ring(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));

    private record Ring(DataProtector protector, UUID keyId) {
        Ring(AlgorithmConfiguration algorithms) {
            this(DataProtectionProvider.builder().repository(new InMemoryXmlRepository()).algorithms(algorithms).clock(CLOCK)
                    .backgroundRefresh(false).build());
        }

        private Ring(DataProtectionProvider provider) {
            this(provider.createProtector("fuzz", "unprotect"), provider.status().defaultKeyId().orElseThrow());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void unprotect_anyBytes_throwsNothingButDataProtectionException(byte[] data) {
        Ring ring = data.length > 0 && (data[0] & 2) != 0 ? GCM : CBC;
        byte[] payload = data;
        if (data.length > 0 && (data[0] & 1) != 0) {
            payload = new byte[PayloadFormat.HEADER_SIZE + data.length - 1];
            PayloadFormat.writeHeader(payload, ring.keyId());
            System.arraycopy(data, 1, payload, PayloadFormat.HEADER_SIZE, data.length - 1);
        }
        for (Runnable unprotect : List.<Runnable> of(
                unprotect(ring.protector(), payload, 0),
                unprotect(ring.protector(), payload, 1),
                unprotect(ring.protector(), payload, 2),
                unprotect(ring.protector(), payload, 3))) {
            try {
                unprotect.run();
            } catch (DataProtectionException expected) {
                // the only acceptable failure
            }
        }
    }

    private static Runnable unprotect(DataProtector protector, byte[] payload, int how) {
        return switch (how) {
            case 0 -> () -> protector.unprotect(payload.clone());
            case 1 -> () -> protector.unprotectPersisted(payload.clone(), true);
            case 2 -> () -> protector.toTimeLimited().unprotect(payload.clone());
            default -> () -> protector.unprotect(new String(payload, StandardCharsets.ISO_8859_1));
        };
    }
}
