package io.quarkiverse.dataprotection.crypto;

import java.util.List;
import java.util.UUID;

/**
 * The framing of ASP.NET Core's protected payloads:
 * <pre>
 * payload := 09 F0 C9 F0 || keyId (16 bytes, .NET GUID byte order) || encryptor output
 * aad     := 09 F0 C9 F0 || keyId || purposeCount (uint32 BE) || for each purpose: 7-bit-encoded length || UTF-8
 * </pre>
 * Thread-safety: stateless.
 */
public final class PayloadFormat {

    /** The magic header, {@code 0x09F0C9F0} big-endian. */
    public static final int MAGIC_HEADER = 0x09F0C9F0;

    /** Magic header plus key id. */
    public static final int HEADER_SIZE = 20;

    private PayloadFormat() {
    }

    /**
     * The AAD for {@code purposes} with an all-zero key id slot, to be completed per key with {@link #aadFor}.
     *
     * @throws IllegalArgumentException when a purpose is null or not valid UTF-16 (a lone surrogate)
     */
    public static byte[] aadTemplate(List<String> purposes) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A copy of {@code template} with {@code keyId} written in its key id slot. */
    public static byte[] aadFor(byte[] template, UUID keyId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Writes the magic header and {@code keyId} into the first {@link #HEADER_SIZE} bytes of {@code payload}. */
    public static void writeHeader(byte[] payload, UUID keyId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Whether {@code payload} is long enough and starts with the magic header. */
    public static boolean hasMagicHeader(byte[] payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The key id at bytes 4..19 of {@code payload} (.NET GUID byte order). */
    public static UUID readKeyId(byte[] payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@code id} in .NET {@code Guid.ToByteArray()} order: first three groups little-endian. */
    public static byte[] toDotNetBytes(UUID id) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Reads 16 bytes in .NET GUID order from {@code bytes} at {@code offset}. */
    public static UUID fromDotNetBytes(byte[] bytes, int offset) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
