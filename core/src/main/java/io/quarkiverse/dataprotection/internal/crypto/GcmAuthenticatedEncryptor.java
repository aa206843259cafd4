package io.quarkiverse.dataprotection.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * AES-GCM (128/192/256), byte compatible with ASP.NET Core's {@code AesGcmAuthenticatedEncryptor} and
 * {@code CngGcmAuthenticatedEncryptor}.
 *
 * <pre>
 * K_E    = SP800-108-CTR-HMACSHA512(masterKey, label = aad, context = contextHeader || keyModifier, encKeyLen)
 * output := [preBuffer zeros] || keyModifier (16) || nonce (12) || ciphertext (= plaintext length) || tag (16)
 *           || [postBuffer zeros]
 * </pre>
 *
 * The AAD is bound only through the key derivation: GCM itself gets no associated data, as in ASP.NET (the
 * upstream known answer only reproduces that way). Every decryption failure is
 * {@link DataProtectionException#invalidPayload()}. The subkey lives only in a per-thread scratch array that is
 * wiped after each call.
 * <p>
 * Thread-safety: safe for concurrent use; JCA objects are cached per thread.
 */
public final class GcmAuthenticatedEncryptor implements AuthenticatedEncryptor {

    private static final int KEY_MODIFIER_SIZE = SubkeyDerivation.KEY_MODIFIER_SIZE;
    private static final int NONCE_SIZE = ContextHeaders.GCM_NONCE_SIZE;
    private static final int TAG_SIZE = ContextHeaders.GCM_TAG_SIZE;
    private static final int HEADER_SIZE = KEY_MODIFIER_SIZE + NONCE_SIZE;

    private final AlgorithmConfiguration algorithms;
    private final int encKeyLen;
    private final SubkeyDerivation subkeys;
    private final RandomSource random;

    /**
     * @param masterKey the SP800-108 key derivation key, of any length (ASP.NET's are 64 bytes)
     * @throws IllegalArgumentException when {@code encryption} is not a GCM mode
     */
    public GcmAuthenticatedEncryptor(EncryptionAlgorithm encryption, Secret masterKey, RandomSource random) {
        this.algorithms = AlgorithmConfiguration.gcm(encryption);
        this.encKeyLen = encryption.keySizeBytes();
        this.subkeys = new SubkeyDerivation(Objects.requireNonNull(masterKey, "masterKey"),
                ContextHeaders.cached(algorithms));
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] aad, int preBufferSize, int postBufferSize) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        byte[] out = new byte[outputSize(preBufferSize, plaintext.length, postBufferSize)];
        JcaCache jca = JcaCache.current();
        byte[] keys = jca.subkeys;
        try {
            byte[] randomBytes = jca.randomBuffer(HEADER_SIZE);
            random.nextBytes(randomBytes);
            System.arraycopy(randomBytes, 0, out, preBufferSize, HEADER_SIZE);
            subkeys.derive(aad, out, preBufferSize, keys, encKeyLen);
            int nonceOffset = preBufferSize + KEY_MODIFIER_SIZE;
            Cipher aes = jca.gcm();
            aes.init(Cipher.ENCRYPT_MODE, jca.aesKey.of(keys, 0, encKeyLen),
                    new GCMParameterSpec(TAG_SIZE * 8, out, nonceOffset, NONCE_SIZE));
            aes.doFinal(plaintext, 0, plaintext.length, out, nonceOffset + NONCE_SIZE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new DataProtectionException("Encryption with " + algorithms + " failed in the JCA provider", e);
        } finally {
            Secret.wipe(keys);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, int offset, int length, byte[] aad) {
        Objects.checkFromIndexSize(offset, length, ciphertext.length);
        Objects.requireNonNull(aad, "aad");
        if (length < HEADER_SIZE + TAG_SIZE) {
            throw DataProtectionException.invalidPayload();
        }
        JcaCache jca = JcaCache.current();
        byte[] keys = jca.subkeys;
        try {
            subkeys.derive(aad, ciphertext, offset, keys, encKeyLen);
            int nonceOffset = offset + KEY_MODIFIER_SIZE;
            Cipher aes = jca.gcm();
            aes.init(Cipher.DECRYPT_MODE, jca.aesKey.of(keys, 0, encKeyLen),
                    new GCMParameterSpec(TAG_SIZE * 8, ciphertext, nonceOffset, NONCE_SIZE));
            return aes.doFinal(ciphertext, nonceOffset + NONCE_SIZE, length - HEADER_SIZE);
        } catch (GeneralSecurityException e) {
            throw DataProtectionException.invalidPayload();
        } finally {
            Secret.wipe(keys);
        }
    }

    private static int outputSize(int preBufferSize, int plaintextLen, int postBufferSize) {
        if (preBufferSize < 0 || postBufferSize < 0) {
            throw new IllegalArgumentException("Invalid buffer sizes pre=" + preBufferSize + ", post="
                    + postBufferSize + "; both must be >= 0");
        }
        try {
            return Math.addExact(Math.addExact(preBufferSize, postBufferSize),
                    Math.addExact(plaintextLen, HEADER_SIZE + TAG_SIZE));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Output of " + plaintextLen + " plaintext bytes plus buffers pre="
                    + preBufferSize + ", post=" + postBufferSize + " exceeds the maximum array size", e);
        }
    }

    @Override
    public String toString() {
        return "GcmAuthenticatedEncryptor[" + algorithms + "]";
    }
}
