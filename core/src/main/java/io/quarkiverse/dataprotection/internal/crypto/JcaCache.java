package io.quarkiverse.dataprotection.internal.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.Mac;

import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;

/**
 * One thread's JCA objects and scratch buffers, shared by every encryptor that runs on that thread.
 * <p>
 * {@code Cipher.getInstance}/{@code Mac.getInstance} cost a provider lookup and several allocations per call;
 * caching them per thread (not per encryptor) keeps the memory at one set per thread however many keys the
 * ring holds. Encryptors never call each other, so one thread never uses a set twice at once. On virtual
 * threads that live for one request the cache is rebuilt per thread: correct, only slower.
 * <p>
 * Thread-safety: confined to its thread by {@link #current()}.
 */
final class JcaCache {

    private static final ThreadLocal<JcaCache> CURRENT = ThreadLocal.withInitial(JcaCache::new);

    /** Room for the largest derivation, AES-256 + HMACSHA512 (96 bytes), in whole PRF blocks. Wiped after use. */
    final byte[] subkeys = new byte[Sp800108CtrHmacSha512.roundUpToBlocks(32 + 64)];
    final KeyView aesKey = new KeyView("AES");

    private final byte[][] randomBuffers = new byte[33][];
    private final byte[][] computedMac = new byte[65][];
    private final byte[][] receivedMac = new byte[65][];
    private final KeyView hmacSha256Key = new KeyView(ValidationAlgorithm.HMACSHA256.jcaName());
    private final KeyView hmacSha512Key = new KeyView(ValidationAlgorithm.HMACSHA512.jcaName());
    private Cipher cbc;
    private Cipher gcm;
    private Mac hmacSha256;
    private Mac hmacSha512;

    private JcaCache() {
    }

    static JcaCache current() {
        return CURRENT.get();
    }

    Cipher cbc() {
        if (cbc == null) {
            cbc = cipher("AES/CBC/PKCS5Padding");
        }
        return cbc;
    }

    Cipher gcm() {
        if (gcm == null) {
            gcm = cipher("AES/GCM/NoPadding");
        }
        return gcm;
    }

    Mac hmac(ValidationAlgorithm algorithm) {
        if (algorithm == ValidationAlgorithm.HMACSHA256) {
            if (hmacSha256 == null) {
                hmacSha256 = mac(algorithm.jcaName());
            }
            return hmacSha256;
        }
        if (hmacSha512 == null) {
            hmacSha512 = mac(algorithm.jcaName());
        }
        return hmacSha512;
    }

    KeyView hmacKey(ValidationAlgorithm algorithm) {
        return algorithm == ValidationAlgorithm.HMACSHA256 ? hmacSha256Key : hmacSha512Key;
    }

    /** A scratch array of exactly {@code size} (at most 32) bytes for key modifiers, IVs and nonces. */
    byte[] randomBuffer(int size) {
        byte[] buffer = randomBuffers[size];
        return buffer != null ? buffer : (randomBuffers[size] = new byte[size]);
    }

    /** A scratch array of exactly {@code size} (32 or 64) bytes for a MAC this thread computes. */
    byte[] computedMac(int size) {
        byte[] buffer = computedMac[size];
        return buffer != null ? buffer : (computedMac[size] = new byte[size]);
    }

    /** A scratch array of exactly {@code size} (32 or 64) bytes for the MAC read from a payload. */
    byte[] receivedMac(int size) {
        byte[] buffer = receivedMac[size];
        return buffer != null ? buffer : (receivedMac[size] = new byte[size]);
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " is required by the Java SE platform but is unavailable", e);
        }
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required by the Java SE platform but is unavailable", e);
        }
    }
}
