package io.quarkiverse.dataprotection.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * AES-CBC (128/192/256) with HMAC-SHA256/512, encrypt-then-MAC, byte compatible with ASP.NET Core's
 * {@code ManagedAuthenticatedEncryptor} and {@code CbcAuthenticatedEncryptor}.
 *
 * <pre>
 * (K_E || K_H) = SP800-108-CTR-HMACSHA512(masterKey, label = aad, context = contextHeader || keyModifier,
 *                                         encKeyLen + macLen)
 * output := [preBuffer zeros] || keyModifier (16) || IV (16) || AES-CBC-PKCS7(K_E, IV, plaintext)
 *           || HMAC(K_H, IV || ciphertext) (32 or 64) || [postBuffer zeros]
 * </pre>
 *
 * Decryption verifies the MAC in constant time before it decrypts anything; every failure, whatever its cause,
 * is {@link DataProtectionException#invalidPayload()}. Subkeys live only in a per-thread scratch array that is
 * wiped after each call. Key modifiers and IVs come from the injected {@link RandomSource}.
 * <p>
 * Thread-safety: safe for concurrent use; JCA objects are cached per thread.
 */
public final class CbcHmacAuthenticatedEncryptor implements AuthenticatedEncryptor {

    private static final int KEY_MODIFIER_SIZE = SubkeyDerivation.KEY_MODIFIER_SIZE;
    private static final int BLOCK_SIZE = ContextHeaders.BLOCK_SIZE;
    private static final int HEADER_SIZE = KEY_MODIFIER_SIZE + BLOCK_SIZE;

    private final AlgorithmConfiguration algorithms;
    private final ValidationAlgorithm validation;
    private final int encKeyLen;
    private final int macLen;
    private final SubkeyDerivation subkeys;
    private final RandomSource random;

    /**
     * @param masterKey the SP800-108 key derivation key, of any length (ASP.NET's are 64 bytes)
     * @throws IllegalArgumentException when {@code encryption} is a GCM mode
     */
    public CbcHmacAuthenticatedEncryptor(EncryptionAlgorithm encryption, ValidationAlgorithm validation,
            Secret masterKey, RandomSource random) {
        this.algorithms = new AlgorithmConfiguration(encryption, validation);
        this.validation = validation;
        this.encKeyLen = encryption.keySizeBytes();
        this.macLen = validation.digestSizeBytes();
        this.subkeys = new SubkeyDerivation(Objects.requireNonNull(masterKey, "masterKey"),
                ContextHeaders.cached(algorithms));
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] aad, int preBufferSize, int postBufferSize) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        int cipherLen = (plaintext.length / BLOCK_SIZE + 1) * BLOCK_SIZE;
        byte[] out = new byte[outputSize(preBufferSize, cipherLen, postBufferSize)];
        JcaCache jca = JcaCache.current();
        byte[] keys = jca.subkeys;
        try {
            byte[] randomBytes = jca.randomBuffer(HEADER_SIZE);
            random.nextBytes(randomBytes);
            System.arraycopy(randomBytes, 0, out, preBufferSize, HEADER_SIZE);
            subkeys.derive(aad, out, preBufferSize, keys, encKeyLen + macLen);
            int ivOffset = preBufferSize + KEY_MODIFIER_SIZE;
            Cipher aes = jca.cbc();
            aes.init(Cipher.ENCRYPT_MODE, jca.aesKey.of(keys, 0, encKeyLen),
                    new IvParameterSpec(out, ivOffset, BLOCK_SIZE));
            int written = aes.doFinal(plaintext, 0, plaintext.length, out, ivOffset + BLOCK_SIZE);
            Mac mac = jca.hmac(validation);
            mac.init(jca.hmacKey(validation).of(keys, encKeyLen, macLen));
            mac.update(out, ivOffset, BLOCK_SIZE + written);
            mac.doFinal(out, ivOffset + BLOCK_SIZE + written);
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
        int cipherLen = length - HEADER_SIZE - macLen;
        if (cipherLen < BLOCK_SIZE || cipherLen % BLOCK_SIZE != 0) {
            throw DataProtectionException.invalidPayload();
        }
        JcaCache jca = JcaCache.current();
        byte[] keys = jca.subkeys;
        try {
            subkeys.derive(aad, ciphertext, offset, keys, encKeyLen + macLen);
            int ivOffset = offset + KEY_MODIFIER_SIZE;
            int macOffset = ivOffset + BLOCK_SIZE + cipherLen;
            Mac mac = jca.hmac(validation);
            mac.init(jca.hmacKey(validation).of(keys, encKeyLen, macLen));
            mac.update(ciphertext, ivOffset, BLOCK_SIZE + cipherLen);
            byte[] computed = jca.computedMac(macLen);
            mac.doFinal(computed, 0);
            byte[] received = jca.receivedMac(macLen);
            System.arraycopy(ciphertext, macOffset, received, 0, macLen);
            if (!MessageDigest.isEqual(computed, received)) {
                throw DataProtectionException.invalidPayload();
            }
            Cipher aes = jca.cbc();
            aes.init(Cipher.DECRYPT_MODE, jca.aesKey.of(keys, 0, encKeyLen),
                    new IvParameterSpec(ciphertext, ivOffset, BLOCK_SIZE));
            return aes.doFinal(ciphertext, ivOffset + BLOCK_SIZE, cipherLen);
        } catch (GeneralSecurityException e) {
            // Unreachable for payloads we wrote (the MAC matched); never say which check failed.
            throw DataProtectionException.invalidPayload();
        } finally {
            Secret.wipe(keys);
        }
    }

    private int outputSize(int preBufferSize, int cipherLen, int postBufferSize) {
        if (preBufferSize < 0 || postBufferSize < 0) {
            throw new IllegalArgumentException("Invalid buffer sizes pre=" + preBufferSize + ", post="
                    + postBufferSize + "; both must be >= 0");
        }
        try {
            return Math.addExact(Math.addExact(preBufferSize, postBufferSize), HEADER_SIZE + cipherLen + macLen);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Output of " + cipherLen + " ciphertext bytes plus buffers pre="
                    + preBufferSize + ", post=" + postBufferSize + " exceeds the maximum array size", e);
        }
    }

    @Override
    public String toString() {
        return "CbcHmacAuthenticatedEncryptor[" + algorithms + "]";
    }
}
