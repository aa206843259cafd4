package io.quarkiverse.dataprotection.internal.crypto;

import java.util.Objects;

/**
 * NIST SP800-108 key derivation in counter mode with HMAC-SHA512 as the PRF, framed as ASP.NET Core frames it:
 *
 * <pre>
 * block_i = HMACSHA512(kdk, [i]_32BE || label || 0x00 || contextHeader || context || [L * 8]_32BE),  i = 1, 2, ...
 * output  = the first L bytes of block_1 || block_2 || ...
 * </pre>
 *
 * An empty key derivation key is allowed: HMAC pads every key shorter than the 128-byte SHA-512 block with
 * zeros, so the empty key is the all-zero block ({@link HmacSha512Prf} does the padding itself; the JCA's
 * {@code SecretKeySpec} would refuse the empty key. ASP.NET once broke this case too: dotnet/aspnetcore#64597).
 * <p>
 * Thread-safety: the static methods are safe for concurrent use; a PRF from {@link #newPrf} is not, and belongs
 * to one thread.
 */
public final class Sp800108CtrHmacSha512 {

    /** Bytes per PRF block (the SHA-512 digest size). */
    public static final int PRF_OUTPUT_SIZE = 64;

    private static final int MAX_OUTPUT_BYTES = Integer.MAX_VALUE / 8;
    private static final byte[] EMPTY = new byte[0];

    private Sp800108CtrHmacSha512() {
    }

    /** A new HMAC-SHA512 PRF keyed with {@code kdk}; the caller may wipe {@code kdk} afterwards. */
    static HmacSha512Prf newPrf(byte[] kdk) {
        return new HmacSha512Prf(Objects.requireNonNull(kdk, "kdk"));
    }

    /**
     * Derives {@code length} bytes from {@code kdk}; the KDF context is {@code contextHeader || context}.
     *
     * @throws IllegalArgumentException when {@code length} is negative or {@code length * 8} overflows 32 bits
     */
    public static byte[] deriveKey(byte[] kdk, byte[] label, byte[] contextHeader, byte[] context, int length) {
        checkLength(length);
        HmacSha512Prf prf = newPrf(kdk);
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
    static void derive(HmacSha512Prf prf, byte[] label, byte[] contextHeader, byte[] context, int contextOffset,
            int contextLength, byte[] out, int length) {
        checkLength(length);
        if (out.length < roundUpToBlocks(length)) {
            throw new IllegalArgumentException("Output buffer of " + out.length + " bytes is too small for "
                    + length + " derived bytes; it needs " + roundUpToBlocks(length) + " (whole PRF blocks)");
        }
        byte[] header = contextHeader == null ? EMPTY : contextHeader;
        int bits = length * 8;
        for (int i = 1, written = 0; written < length; i++, written += PRF_OUTPUT_SIZE) {
            prf.begin();
            prf.updateInt(i);
            prf.update(label);
            prf.update((byte) 0);
            prf.update(header);
            prf.update(context, contextOffset, contextLength);
            prf.updateInt(bits);
            prf.doFinal(out, written);
        }
    }

    private static void checkLength(int length) {
        if (length < 0 || length > MAX_OUTPUT_BYTES) {
            throw new IllegalArgumentException("Invalid derived key length " + length + " bytes; it must be 0.."
                    + MAX_OUTPUT_BYTES + " so that the length in bits fits the 32-bit field");
        }
    }
}
