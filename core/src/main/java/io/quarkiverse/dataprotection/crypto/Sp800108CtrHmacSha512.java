package io.quarkiverse.dataprotection.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * NIST SP800-108 key derivation in counter mode with HMAC-SHA512 as the PRF, framed as ASP.NET Core frames it:
 * <pre>
 * block_i = HMACSHA512(kdk, [i]_32BE || label || 0x00 || contextHeader || context || [L * 8]_32BE),  i = 1, 2, ...
 * output  = the first L bytes of block_1 || block_2 || ...
 * </pre>
 * An empty key derivation key is allowed: HMAC pads every key shorter than the 128-byte SHA-512 block with
 * zeros, so the empty key is the all-zero block. The JCA refuses empty keys, so that block is used explicitly
 * (ASP.NET once broke this case too: dotnet/aspnetcore#64597).
 * <p>
 * Thread-safety: the static methods are safe for concurrent use; a {@link Mac} from {@link #newPrf} is not,
 * and belongs to one thread.
 */
public final class Sp800108CtrHmacSha512 {

    /** Bytes per PRF block (the SHA-512 digest size). */
    public static final int PRF_OUTPUT_SIZE = 64;

    private static final int SHA512_BLOCK_SIZE = 128;
    private static final int MAX_OUTPUT_BYTES = Integer.MAX_VALUE / 8;
    private static final byte[] EMPTY = new byte[0];

    private Sp800108CtrHmacSha512() {
    }

    /** A new HMAC-SHA512 PRF keyed with {@code kdk}; the caller may wipe {@code kdk} afterwards. */
    public static Mac newPrf(byte[] kdk) {
        Objects.requireNonNull(kdk, "kdk");
        byte[] key = kdk.length == 0 ? new byte[SHA512_BLOCK_SIZE] : kdk;
        try {
            Mac prf = Mac.getInstance("HmacSHA512");
            prf.init(new KeyView("HmacSHA512").of(key, 0, key.length));
            return prf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is required by the Java SE platform but is unavailable", e);
        }
    }

    /**
     * Derives {@code length} bytes from {@code kdk}; the KDF context is {@code contextHeader || context}.
     *
     * @throws IllegalArgumentException when {@code length} is negative or {@code length * 8} overflows 32 bits
     */
    public static byte[] deriveKey(byte[] kdk, byte[] label, byte[] contextHeader, byte[] context, int length) {
        checkLength(length);
        Mac prf = newPrf(kdk);
        byte[] blocks = new byte[roundUpToBlocks(length)];
        derive(prf, label, contextHeader, context, 0, context.length, blocks, length);
        byte[] out = java.util.Arrays.copyOf(blocks, length);
        Secret.wipe(blocks);
        return out;
    }

    /** {@code length} rounded up to whole PRF blocks: the room {@link #derive} needs in its output array. */
    static int roundUpToBlocks(int length) {
        return (length + PRF_OUTPUT_SIZE - 1) / PRF_OUTPUT_SIZE * PRF_OUTPUT_SIZE;
    }

    /**
     * Derives {@code length} bytes with an already keyed {@code prf} into {@code out} from index 0, writing whole
     * PRF blocks: {@code out} needs {@link #roundUpToBlocks(int) roundUpToBlocks(length)} bytes, and the caller
     * wipes them. No allocation.
     */
    static void derive(Mac prf, byte[] label, byte[] contextHeader, byte[] context, int contextOffset,
            int contextLength, byte[] out, int length) {
        checkLength(length);
        if (out.length < roundUpToBlocks(length)) {
            throw new IllegalArgumentException("Output buffer of " + out.length + " bytes is too small for "
                    + length + " derived bytes; it needs " + roundUpToBlocks(length) + " (whole PRF blocks)");
        }
        byte[] header = contextHeader == null ? EMPTY : contextHeader;
        int bits = length * 8;
        try {
            for (int i = 1, written = 0; written < length; i++, written += PRF_OUTPUT_SIZE) {
                updateInt(prf, i);
                prf.update(label);
                prf.update((byte) 0);
                prf.update(header);
                prf.update(context, contextOffset, contextLength);
                updateInt(prf, bits);
                prf.doFinal(out, written);
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("Unreachable: the output room was checked", e);
        }
    }

    private static void updateInt(Mac prf, int value) {
        prf.update((byte) (value >>> 24));
        prf.update((byte) (value >>> 16));
        prf.update((byte) (value >>> 8));
        prf.update((byte) value);
    }

    private static void checkLength(int length) {
        if (length < 0 || length > MAX_OUTPUT_BYTES) {
            throw new IllegalArgumentException("Invalid derived key length " + length + " bytes; it must be 0.."
                    + MAX_OUTPUT_BYTES + " so that the length in bits fits the 32-bit field");
        }
    }
}
