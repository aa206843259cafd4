package io.quarkiverse.dataprotection.internal.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;

/** The Encrypt_KnownKey vectors of ASP.NET Core's encryptor tests (spec §9.0, §9.2-§9.4). */
class EncryptorKnownAnswerTest {

    private static final Secret KDK = Secret.copyOf("master key".getBytes(UTF_8));
    private static final byte[] PLAINTEXT = Arrays.copyOfRange(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, 2, 5);
    private static final byte[] AAD = Arrays.copyOfRange(new byte[] { 7, 6, 5, 4, 3, 2, 1, 0 }, 1, 5);

    private static final String MANAGED_CBC = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+36j4yWJOjBgOJxmYDYwhLnYqFxw+9mNh/cudyPrWmJmw4d/dmGaLJLLut2udiAAA=";

    /** §9.2: ManagedAuthenticatedEncryptorTests.Encrypt_KnownKey (AES-256-CBC + HMACSHA256). */
    @Test
    void managedCbc_knownKey_matchesAspNet() {
        AuthenticatedEncryptor encryptor = AuthenticatedEncryptors.create(AlgorithmConfiguration.DEFAULT, KDK,
                new SequentialRandom());

        byte[] output = encryptor.encrypt(PLAINTEXT, AAD);

        assertThat(Base64.getEncoder().encodeToString(output)).isEqualTo(MANAGED_CBC);
        assertThat(encryptor.decrypt(output, AAD)).isEqualTo(PLAINTEXT);
    }

    /** §9.2 intermediate: the derived subkeys of the first payload. */
    @Test
    void managedCbc_knownKey_derivesDocumentedSubkeys() {
        byte[] context = new byte[16];
        for (int i = 0; i < 16; i++) {
            context[i] = (byte) i;
        }
        byte[] header = ContextHeaders.of(AlgorithmConfiguration.DEFAULT);

        byte[] keys = Sp800108CtrHmacSha512.deriveKey("master key".getBytes(UTF_8), AAD, header, context, 64);

        assertThat(Hex.encode(keys)).isEqualTo("69C5B8BCF5697CCD25F2DEE6AFD615C377B8E1AD76237C49A598FF45CAD33E0B"
                + "E6BF9EED70B9A0EE4611C1638AFA9E41134BF1754B7C7A8D162061B9B8135920");
    }

    /** §9.3: CbcAuthenticatedEncryptorTests.Encrypt_KnownKey, pre-buffer 3, post-buffer 4. */
    @Test
    void cngCbc_knownKeyWithBuffers_matchesAspNet() {
        AuthenticatedEncryptor encryptor = new CbcHmacAuthenticatedEncryptor(EncryptionAlgorithm.AES_256_CBC,
                ValidationAlgorithm.HMACSHA256, KDK, new SequentialRandom());

        byte[] output = encryptor.encrypt(PLAINTEXT, AAD, 3, 4);

        assertThat(Base64.getEncoder().encodeToString(output)).isEqualTo(
                "AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+36j4yWJOjBgOJxmYDYwhLnYqFxw+9mNh/cudyPrWmJmw4d/dmGaLJLLut2udiAAAAAAAA");
        assertThat(Arrays.copyOfRange(output, 3, output.length - 4)).isEqualTo(Base64.getDecoder().decode(MANAGED_CBC));
        assertThat(encryptor.decrypt(output, 3, output.length - 7, AAD)).isEqualTo(PLAINTEXT);
    }

    /** §9.4: GcmAuthenticatedEncryptorTests.Encrypt_KnownKey (AES-128-GCM), pre-buffer 3, post-buffer 4. */
    @Test
    void cngGcm_knownKeyWithBuffers_matchesAspNet() {
        AuthenticatedEncryptor encryptor = AuthenticatedEncryptors.create(
                AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_128_GCM), KDK, new SequentialRandom());

        byte[] output = encryptor.encrypt(PLAINTEXT, AAD, 3, 4);

        assertThat(Base64.getEncoder().encodeToString(output))
                .isEqualTo("AAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaG0O2kY0NZtmh2UQtXY5B2jlgnOgAAAAA");
        assertThat(Hex.encode(output)).isEqualTo(Hex.encode(Hex.decode("""
                000000
                000102030405060708090A0B0C0D0E0F
                101112131415161718191A1B
                43B691
                8D0D66D9A1D9442D5D8E41DA39609CE8
                00000000""")));
        assertThat(encryptor.decrypt(output, 3, output.length - 7, AAD)).isEqualTo(PLAINTEXT);
    }

    /** §9.4 intermediate: K_E of the GCM vector. */
    @Test
    void cngGcm_knownKey_derivesDocumentedSubkey() {
        byte[] context = new byte[16];
        for (int i = 0; i < 16; i++) {
            context[i] = (byte) i;
        }
        byte[] header = ContextHeaders.of(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_128_GCM));

        byte[] key = Sp800108CtrHmacSha512.deriveKey("master key".getBytes(UTF_8), AAD, header, context, 16);

        assertThat(Hex.encode(key)).isEqualTo("BBE328085E55E0CE1A3B9B74593C42E9");
    }

    @Test
    void sequentialRandom_continuesAcrossCalls() {
        AuthenticatedEncryptor encryptor = AuthenticatedEncryptors.create(AlgorithmConfiguration.DEFAULT, KDK,
                new SequentialRandom());
        encryptor.encrypt(PLAINTEXT, AAD);

        byte[] second = encryptor.encrypt(PLAINTEXT, AAD);

        assertThat(Hex.encode(Arrays.copyOf(second, 32)))
                .isEqualTo("202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F");
    }
}
