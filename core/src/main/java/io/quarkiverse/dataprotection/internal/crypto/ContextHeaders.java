package io.quarkiverse.dataprotection.internal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;

/**
 * The context header of an algorithm pair: a thumbprint of how the algorithms behave, mixed into every subkey
 * derivation so that one master key used with two algorithm pairs never yields related subkeys.
 *
 * <pre>
 * CBC + HMAC (66 bytes for HMACSHA256, 98 for HMACSHA512):
 *   00 00 || encKeyLen (uint32 BE) || 16 (uint32 BE, block size) || macKeyLen (uint32 BE) || macLen (uint32 BE)
 *         || AES-CBC-PKCS7(K_E, IV = 16 zero bytes, empty plaintext)     (16 bytes: one padding block)
 *         || HMAC(K_H, empty)                                            (macLen bytes)
 *   where (K_E || K_H) = SP800-108(kdk = "", label = "", context = "", encKeyLen + macKeyLen)
 * GCM (34 bytes):
 *   00 01 || encKeyLen (uint32 BE) || 12 (nonce size) || 16 (block size) || 16 (tag size)
 *         || AES-GCM tag of (K_E = SP800-108("", "", "", encKeyLen), nonce = 12 zero bytes, empty plaintext)
 * </pre>
 *
 * Deterministic, so computed lazily once per algorithm pair and cached; no randomness is involved.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
public final class ContextHeaders {

    static final int BLOCK_SIZE = 16;
    static final int GCM_NONCE_SIZE = 12;
    static final int GCM_TAG_SIZE = 16;

    private static final byte[] EMPTY = new byte[0];
    private static final ConcurrentHashMap<AlgorithmConfiguration, byte[]> CACHE = new ConcurrentHashMap<>();

    private ContextHeaders() {
    }

    /** A copy of the context header of {@code algorithms}. */
    public static byte[] of(AlgorithmConfiguration algorithms) {
        return cached(algorithms).clone();
    }

    /** The shared cached header: callers inside this package must never modify it. */
    static byte[] cached(AlgorithmConfiguration algorithms) {
        Objects.requireNonNull(algorithms, "algorithms");
        return CACHE.computeIfAbsent(algorithms, ContextHeaders::compute);
    }

    private static byte[] compute(AlgorithmConfiguration algorithms) {
        try {
            return algorithms.encryption().isGcm()
                    ? gcm(algorithms.encryption())
                    : cbc(algorithms.encryption(), algorithms.validation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute the context header of " + algorithms
                    + "; the JDK's AES or HMAC implementation is unavailable", e);
        }
    }

    private static byte[] cbc(EncryptionAlgorithm encryption, ValidationAlgorithm validation)
            throws GeneralSecurityException {
        int encKeyLen = encryption.keySizeBytes();
        int macLen = validation.digestSizeBytes();
        byte[] keys = Sp800108CtrHmacSha512.deriveKey(EMPTY, EMPTY, EMPTY, EMPTY, encKeyLen + macLen);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys, 0, encKeyLen, "AES"),
                    new IvParameterSpec(new byte[BLOCK_SIZE]));
            byte[] encryptedEmpty = aes.doFinal(EMPTY);
            Mac mac = Mac.getInstance(validation.jcaName());
            mac.init(new SecretKeySpec(keys, encKeyLen, macLen, validation.jcaName()));
            byte[] macOfEmpty = mac.doFinal();
            return ByteBuffer.allocate(2 + 16 + encryptedEmpty.length + macOfEmpty.length)
                    .putShort((short) 0)
                    .putInt(encKeyLen).putInt(BLOCK_SIZE).putInt(macLen).putInt(macLen)
                    .put(encryptedEmpty).put(macOfEmpty)
                    .array();
        } finally {
            Secret.wipe(keys);
        }
    }

    private static byte[] gcm(EncryptionAlgorithm encryption) throws GeneralSecurityException {
        int encKeyLen = encryption.keySizeBytes();
        byte[] key = Sp800108CtrHmacSha512.deriveKey(EMPTY, EMPTY, EMPTY, EMPTY, encKeyLen);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(GCM_TAG_SIZE * 8, new byte[GCM_NONCE_SIZE]));
            byte[] tag = aes.doFinal(EMPTY);
            return ByteBuffer.allocate(2 + 16 + tag.length)
                    .putShort((short) 1)
                    .putInt(encKeyLen).putInt(GCM_NONCE_SIZE).putInt(BLOCK_SIZE).putInt(GCM_TAG_SIZE)
                    .put(tag)
                    .array();
        } finally {
            Secret.wipe(key);
        }
    }
}
