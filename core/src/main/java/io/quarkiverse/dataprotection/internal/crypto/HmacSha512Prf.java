package io.quarkiverse.dataprotection.internal.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA512 (RFC 2104) with the key's inner and outer pad blocks hashed once, at construction.
 *
 * <pre>
 * K0   = key zero-padded to 128 bytes, or SHA-512(key) zero-padded when the key is longer than 128 bytes
 * HMAC = SHA-512((K0 ^ 0x5C..) || SHA-512((K0 ^ 0x36..) || message))
 * </pre>
 *
 * {@link javax.crypto.Mac} re-hashes both pad blocks on every call; the subkey derivation keys its PRF with a
 * master key that never changes, so starting each call from a copy of the two pre-hashed states saves two of the
 * five SHA-512 compressions of a typical derivation. An empty key is the all-zero block, as RFC 2104 defines it
 * (the JCA refuses empty keys).
 * <p>
 * Thread-safety: none; one instance per thread. The pre-hashed states are key-equivalent and never leave it.
 */
final class HmacSha512Prf {

    /** Output size in bytes. */
    static final int OUTPUT_SIZE = 64;

    private static final int BLOCK_SIZE = 128;

    private final MessageDigest innerStart;
    private final MessageDigest outerStart;
    private final byte[] innerHash = new byte[OUTPUT_SIZE];
    private final byte[] intBuffer = new byte[4];
    private MessageDigest current;

    /** Keys a new PRF with {@code key}; the caller may wipe {@code key} afterwards. */
    HmacSha512Prf(byte[] key) {
        innerStart = sha512();
        outerStart = sha512();
        byte[] block = new byte[BLOCK_SIZE];
        if (key.length > BLOCK_SIZE) {
            System.arraycopy(sha512().digest(key), 0, block, 0, OUTPUT_SIZE);
        } else {
            System.arraycopy(key, 0, block, 0, key.length);
        }
        for (int i = 0; i < BLOCK_SIZE; i++) {
            block[i] ^= 0x36;
        }
        innerStart.update(block);
        for (int i = 0; i < BLOCK_SIZE; i++) {
            block[i] ^= 0x36 ^ 0x5C;
        }
        outerStart.update(block);
        Arrays.fill(block, (byte) 0);
    }

    /** Starts a new MAC computation; feed it with the {@code update} methods, end it with {@link #doFinal}. */
    void begin() {
        current = copy(innerStart);
    }

    void update(byte value) {
        current.update(value);
    }

    /** Feeds {@code value} as 4 big-endian bytes, in one digest call rather than four single-byte ones. */
    void updateInt(int value) {
        intBuffer[0] = (byte) (value >>> 24);
        intBuffer[1] = (byte) (value >>> 16);
        intBuffer[2] = (byte) (value >>> 8);
        intBuffer[3] = (byte) value;
        current.update(intBuffer, 0, 4);
    }

    void update(byte[] bytes) {
        current.update(bytes);
    }

    void update(byte[] bytes, int offset, int length) {
        current.update(bytes, offset, length);
    }

    /** Writes the {@link #OUTPUT_SIZE}-byte MAC into {@code out} at {@code offset}. */
    void doFinal(byte[] out, int offset) {
        try {
            current.digest(innerHash, 0, OUTPUT_SIZE);
            MessageDigest outer = copy(outerStart);
            outer.update(innerHash);
            outer.digest(out, offset, OUTPUT_SIZE);
        } catch (DigestException e) {
            throw new IllegalArgumentException("No room for a " + OUTPUT_SIZE + "-byte MAC at offset " + offset
                    + " of a " + out.length + "-byte array", e);
        } finally {
            current = null;
        }
    }

    private static MessageDigest copy(MessageDigest start) {
        try {
            return (MessageDigest) start.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The SHA-512 implementation cannot be cloned", e);
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by the Java SE platform but is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "HmacSha512Prf[keyed]";
    }
}
