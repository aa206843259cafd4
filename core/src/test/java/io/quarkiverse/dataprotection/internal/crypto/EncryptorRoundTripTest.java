package io.quarkiverse.dataprotection.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

class EncryptorRoundTripTest {

    private static final int[] SIZES = { 0, 1, 15, 16, 17, 1024, 1 << 20 };
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> pairsAndSizes() {
        List<Arguments> arguments = new ArrayList<>();
        for (AlgorithmConfiguration pair : Encryptors.allPairs()) {
            for (int size : SIZES) {
                arguments.add(Arguments.of(pair, size));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("pairsAndSizes")
    void encryptThenDecrypt_returnsPlaintext(AlgorithmConfiguration algorithms, int size) {
        AuthenticatedEncryptor encryptor = Encryptors.create(algorithms);
        byte[] plaintext = new byte[size];
        RANDOM.nextBytes(plaintext);
        byte[] aad = PayloadFormat.aadTemplate(List.of("round", "trip"));

        byte[] output = encryptor.encrypt(plaintext, aad);
        byte[] buffered = encryptor.encrypt(plaintext, aad, 20, 7);

        assertThat(output).hasSize(expectedSize(algorithms, size));
        assertThat(buffered).hasSize(output.length + 27);
        assertThat(buffered).startsWith(new byte[20]).endsWith(new byte[7]);
        assertThat(encryptor.decrypt(output, aad)).isEqualTo(plaintext);
        assertThat(encryptor.decrypt(buffered, 20, output.length, aad)).isEqualTo(plaintext);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void twoEncryptions_ofTheSamePlaintext_differ(AlgorithmConfiguration algorithms) {
        AuthenticatedEncryptor encryptor = Encryptors.create(algorithms);
        byte[] plaintext = new byte[40];

        assertThat(encryptor.encrypt(plaintext, new byte[0])).isNotEqualTo(encryptor.encrypt(plaintext, new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sameMasterKey_decryptsInAnotherEncryptorInstance(AlgorithmConfiguration algorithms) {
        Secret masterKey = Secret.random(64, RandomSource.secure());
        byte[] aad = { 1, 2, 3 };
        byte[] output = AuthenticatedEncryptors.create(algorithms, masterKey, RandomSource.secure())
                .encrypt(new byte[] { 42 }, aad);

        assertThat(AuthenticatedEncryptors.create(algorithms, masterKey, RandomSource.secure()).decrypt(output, aad))
                .containsExactly(42);
    }

    @Test
    void concurrentUse_fromManyThreads_roundTrips() throws Exception {
        List<AuthenticatedEncryptor> encryptors = Encryptors.allPairs().stream().map(Encryptors::create).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        AuthenticatedEncryptor encryptor = encryptors.get((seed + i) % encryptors.size());
                        byte[] plaintext = new byte[(seed * 31 + i) % 200];
                        RANDOM.nextBytes(plaintext);
                        byte[] aad = { (byte) seed, (byte) i };
                        assertThat(encryptor.decrypt(encryptor.encrypt(plaintext, aad), aad)).isEqualTo(plaintext);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toString_namesTheAlgorithmsOnly() {
        byte[] keyBytes = new byte[64];
        java.util.Arrays.fill(keyBytes, (byte) 0x5A);
        AuthenticatedEncryptor encryptor = AuthenticatedEncryptors.create(AlgorithmConfiguration.DEFAULT,
                Secret.copyOf(keyBytes), RandomSource.secure());

        assertThat(encryptor.toString()).isEqualTo("CbcHmacAuthenticatedEncryptor[AES_256_CBC+HMACSHA256]")
                .doesNotContain("5A").doesNotContain("5a");
    }

    static Stream<AlgorithmConfiguration> pairs() {
        return Encryptors.allPairs().stream();
    }

    private static int expectedSize(AlgorithmConfiguration algorithms, int size) {
        if (algorithms.encryption().isGcm()) {
            return 16 + 12 + size + 16;
        }
        return 16 + 16 + (size / 16 + 1) * 16 + algorithms.validation().digestSizeBytes();
    }
}
