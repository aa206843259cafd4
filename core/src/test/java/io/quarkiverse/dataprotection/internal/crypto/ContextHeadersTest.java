package io.quarkiverse.dataprotection.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;

/** Context headers against the "Context headers" documentation page and the spec's §3/§4 layouts. */
class ContextHeadersTest {

    @Test
    void aes192CbcHmacSha256_matchesDocumentedExample() {
        byte[] header = ContextHeaders.of(new AlgorithmConfiguration(EncryptionAlgorithm.AES_192_CBC,
                ValidationAlgorithm.HMACSHA256));

        assertThat(Hex.encode(header)).isEqualTo(Hex.encode(Hex.decode("""
                00 00 00 00 00 18 00 00 00 10 00 00 00 20 00 00 00 20
                F4 74 B1 87 2B 3B 53 E4 72 1D E1 9C 08 41 DB 6F
                D4 79 11 84 B9 96 09 2E E1 20 2F 36 E8 60 8F A8 FB D9 8A BD FF 54 02 F2 64 B1 D7 21 15 36 22 0C""")));
    }

    @Test
    void aes256Gcm_matchesDocumentedExample() {
        byte[] header = ContextHeaders.of(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));

        assertThat(Hex.encode(header)).isEqualTo(Hex.encode(Hex.decode("""
                00 01 00 00 00 20 00 00 00 0C 00 00 00 10 00 00
                00 10 E7 DC CE 66 DF 85 5A 32 3A 6B B7 BD 7A 59
                BE 45""")));
    }

    @ParameterizedTest
    @EnumSource(value = EncryptionAlgorithm.class, names = ".*_CBC", mode = EnumSource.Mode.MATCH_ANY)
    void cbcHeaders_haveTheDocumentedLayout(EncryptionAlgorithm encryption) {
        for (ValidationAlgorithm validation : ValidationAlgorithm.values()) {
            byte[] header = ContextHeaders.of(new AlgorithmConfiguration(encryption, validation));
            int macLen = validation.digestSizeBytes();
            ByteBuffer fields = ByteBuffer.wrap(header);

            assertThat(header).hasSize(2 + 16 + 16 + macLen);
            assertThat(fields.getShort()).isZero();
            assertThat(fields.getInt()).isEqualTo(encryption.keySizeBytes());
            assertThat(fields.getInt()).isEqualTo(16);
            assertThat(fields.getInt()).isEqualTo(macLen);
            assertThat(fields.getInt()).isEqualTo(macLen);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EncryptionAlgorithm.class, names = ".*_GCM", mode = EnumSource.Mode.MATCH_ANY)
    void gcmHeaders_haveTheDocumentedLayout(EncryptionAlgorithm encryption) {
        byte[] header = ContextHeaders.of(AlgorithmConfiguration.gcm(encryption));
        ByteBuffer fields = ByteBuffer.wrap(header);

        assertThat(header).hasSize(2 + 16 + 16);
        assertThat(fields.getShort()).isEqualTo((short) 1);
        assertThat(fields.getInt()).isEqualTo(encryption.keySizeBytes());
        assertThat(fields.getInt()).isEqualTo(12);
        assertThat(fields.getInt()).isEqualTo(16);
        assertThat(fields.getInt()).isEqualTo(16);
    }

    @Test
    void everyAlgorithmPair_hasADistinctHeader() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (EncryptionAlgorithm encryption : EncryptionAlgorithm.values()) {
            if (encryption.isGcm()) {
                seen.add(Hex.encode(ContextHeaders.of(AlgorithmConfiguration.gcm(encryption))));
            } else {
                for (ValidationAlgorithm validation : ValidationAlgorithm.values()) {
                    seen.add(Hex.encode(ContextHeaders.of(new AlgorithmConfiguration(encryption, validation))));
                }
            }
        }
        assertThat(seen).hasSize(9);
    }

    @Test
    void of_returnsACopy_soCallersCannotCorruptTheCache() {
        AlgorithmConfiguration algorithms = AlgorithmConfiguration.DEFAULT;
        byte[] first = ContextHeaders.of(algorithms);
        first[20] ^= 1;

        assertThat(ContextHeaders.of(algorithms)).isNotEqualTo(first);
    }
}
