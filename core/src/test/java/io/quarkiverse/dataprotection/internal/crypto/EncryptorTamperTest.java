package io.quarkiverse.dataprotection.internal.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/** Every modification of an encryptor output or its AAD fails with the one generic message. */
class EncryptorTamperTest {

    private static final byte[] PLAINTEXT = "attack at dawn, bring 20 bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] AAD = PayloadFormat.aadFor(PayloadFormat.aadTemplate(List.of("app", "tamper")),
            UUID.fromString("ba73c9ce-d322-4e45-af90-341307e11c38"));

    static Stream<AlgorithmConfiguration> pairs() {
        return Encryptors.allPairs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everySingleBitFlipOfTheOutput_isRejectedGenerically(AlgorithmConfiguration algorithms) {
        AuthenticatedEncryptor encryptor = Encryptors.create(algorithms);
        byte[] output = encryptor.encrypt(PLAINTEXT, AAD);

        for (int bit = 0; bit < output.length * 8; bit++) {
            byte[] tampered = output.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertGenericFailure(() -> encryptor.decrypt(tampered, AAD), "output bit " + bit);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everySingleBitFlipOfTheAad_isRejectedGenerically(AlgorithmConfiguration algorithms) {
        AuthenticatedEncryptor encryptor = Encryptors.create(algorithms);
        byte[] output = encryptor.encrypt(PLAINTEXT, AAD);

        for (int bit = 0; bit < AAD.length * 8; bit++) {
            byte[] tamperedAad = AAD.clone();
            tamperedAad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertGenericFailure(() -> encryptor.decrypt(output, tamperedAad), "AAD bit " + bit);
        }
        assertGenericFailure(() -> encryptor.decrypt(output, Arrays.copyOf(AAD, AAD.length - 1)), "AAD truncated");
        assertGenericFailure(() -> encryptor.decrypt(output, Arrays.copyOf(AAD, AAD.length + 1)), "AAD extended");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everyTruncation_isRejectedGenerically(AlgorithmConfiguration algorithms) {
        AuthenticatedEncryptor encryptor = Encryptors.create(algorithms);
        byte[] output = encryptor.encrypt(PLAINTEXT, AAD);

        for (int length = 0; length < output.length; length++) {
            byte[] truncated = Arrays.copyOf(output, length);
            assertGenericFailure(() -> encryptor.decrypt(truncated, AAD), "length " + length);
            int sliceLength = length;
            assertGenericFailure(() -> encryptor.decrypt(output, 0, sliceLength, AAD), "slice " + length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void appendedBytes_areRejectedGenerically(AlgorithmConfiguration algorithms) {
        AuthenticatedEncryptor encryptor = Encryptors.create(algorithms);
        byte[] output = encryptor.encrypt(PLAINTEXT, AAD);

        for (int extra = 1; extra <= 32; extra++) {
            byte[] longer = Arrays.copyOf(output, output.length + extra);
            assertGenericFailure(() -> encryptor.decrypt(longer, AAD), "extra " + extra);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void wrongMasterKey_isRejectedGenerically(AlgorithmConfiguration algorithms) {
        byte[] output = Encryptors.create(algorithms).encrypt(PLAINTEXT, AAD);
        AuthenticatedEncryptor other = Encryptors.create(algorithms);

        assertGenericFailure(() -> other.decrypt(output, AAD), "other key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sameMasterKeyWithAnotherAlgorithmPair_isRejectedGenerically(AlgorithmConfiguration algorithms) {
        Secret masterKey = Secret.random(64, RandomSource.secure());
        byte[] output = AuthenticatedEncryptors.create(algorithms, masterKey, RandomSource.secure())
                .encrypt(PLAINTEXT, AAD);

        for (AlgorithmConfiguration other : Encryptors.allPairs()) {
            if (!other.equals(algorithms)) {
                AuthenticatedEncryptor decryptor = AuthenticatedEncryptors.create(other, masterKey, RandomSource.secure());
                assertGenericFailure(() -> decryptor.decrypt(output, AAD), "decrypted as " + other);
            }
        }
    }

    private static void assertGenericFailure(ThrowingCallable call, String description) {
        assertThatThrownBy(call).as(description)
                .isExactlyInstanceOf(DataProtectionException.class)
                .hasMessage(DataProtectionException.GENERIC_UNPROTECT_MESSAGE)
                .hasNoCause();
    }
}
