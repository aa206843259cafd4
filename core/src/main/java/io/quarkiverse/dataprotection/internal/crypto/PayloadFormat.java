package io.quarkiverse.dataprotection.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.quarkiverse.dataprotection.DataProtectionException;

/**
 * The framing of ASP.NET Core's protected payloads:
 *
 * <pre>
 * payload := 09 F0 C9 F0 || keyId (16 bytes, .NET GUID byte order) || encryptor output
 * aad     := 09 F0 C9 F0 || keyId || purposeCount (uint32 BE) || for each purpose: 7-bit-encoded length || UTF-8
 * </pre>
 *
 * The 7-bit encoded length is .NET {@code BinaryWriter.Write7BitEncodedInt}: seven bits per byte, least
 * significant group first, high bit set on every byte but the last ({@code 155} is {@code 9B 01}).
 * <p>
 * .NET GUID byte order ({@code Guid.ToByteArray()}): for {@code aabbccdd-eeff-gghh-iijj-kkllmmnnoopp} the bytes
 * are {@code dd cc bb aa ff ee hh gg ii jj kk ll mm nn oo pp}: the first three groups little-endian, the last
 * eight bytes as written. {@link UUID}'s own big-endian order is not this.
 * <p>
 * Thread-safety: stateless.
 */
public final class PayloadFormat {

    /** The magic header, {@code 0x09F0C9F0} big-endian. */
    public static final int MAGIC_HEADER = 0x09F0C9F0;

    /** Magic header plus key id. */
    public static final int HEADER_SIZE = 20;

    private static final int KEY_ID_OFFSET = 4;
    private static final int KEY_ID_SIZE = 16;

    private PayloadFormat() {
    }

    /**
     * The AAD for {@code purposes} with an all-zero key id slot, to be completed per key with {@link #aadFor}.
     *
     * @throws IllegalArgumentException when a purpose is null or not valid UTF-16 (a lone surrogate)
     */
    public static byte[] aadTemplate(List<String> purposes) {
        Objects.requireNonNull(purposes, "purposes");
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeInt(out, MAGIC_HEADER);
        out.write(new byte[KEY_ID_SIZE], 0, KEY_ID_SIZE);
        writeInt(out, purposes.size());
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int i = 0; i < purposes.size(); i++) {
            byte[] utf8 = strictUtf8(encoder, purposes.get(i), i);
            write7BitEncodedLength(out, utf8.length);
            out.write(utf8, 0, utf8.length);
        }
        return out.toByteArray();
    }

    /** A copy of {@code template} with {@code keyId} written in its key id slot. */
    public static byte[] aadFor(byte[] template, UUID keyId) {
        Objects.requireNonNull(template, "template");
        if (template.length < HEADER_SIZE) {
            throw new IllegalArgumentException("Invalid AAD template of " + template.length
                    + " bytes; a template starts with the " + HEADER_SIZE + "-byte header (magic + key id)");
        }
        byte[] aad = template.clone();
        writeDotNetBytes(keyId, aad, KEY_ID_OFFSET);
        return aad;
    }

    /** Writes the magic header and {@code keyId} into the first {@link #HEADER_SIZE} bytes of {@code payload}. */
    public static void writeHeader(byte[] payload, UUID keyId) {
        Objects.checkFromIndexSize(0, HEADER_SIZE, payload.length);
        payload[0] = (byte) (MAGIC_HEADER >>> 24);
        payload[1] = (byte) (MAGIC_HEADER >>> 16);
        payload[2] = (byte) (MAGIC_HEADER >>> 8);
        payload[3] = (byte) MAGIC_HEADER;
        writeDotNetBytes(keyId, payload, KEY_ID_OFFSET);
    }

    /** Whether {@code payload} is long enough and starts with the magic header. */
    public static boolean hasMagicHeader(byte[] payload) {
        return payload != null && payload.length >= HEADER_SIZE
                && payload[0] == (byte) (MAGIC_HEADER >>> 24)
                && payload[1] == (byte) (MAGIC_HEADER >>> 16)
                && payload[2] == (byte) (MAGIC_HEADER >>> 8)
                && payload[3] == (byte) MAGIC_HEADER;
    }

    /**
     * The key id at bytes 4..19 of {@code payload} (.NET GUID byte order).
     *
     * @throws DataProtectionException with the generic message when the payload is shorter than the header
     */
    public static UUID readKeyId(byte[] payload) {
        if (payload == null || payload.length < HEADER_SIZE) {
            throw DataProtectionException.invalidPayload();
        }
        return fromDotNetBytes(payload, KEY_ID_OFFSET);
    }

    /** {@code id} in .NET {@code Guid.ToByteArray()} order: first three groups little-endian. */
    public static byte[] toDotNetBytes(UUID id) {
        byte[] bytes = new byte[KEY_ID_SIZE];
        writeDotNetBytes(id, bytes, 0);
        return bytes;
    }

    /** Reads 16 bytes in .NET GUID order from {@code bytes} at {@code offset}. */
    public static UUID fromDotNetBytes(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, KEY_ID_SIZE, bytes.length);
        long msb = (readLe(bytes, offset, 4) << 32) | (readLe(bytes, offset + 4, 2) << 16) | readLe(bytes, offset + 6, 2);
        long lsb = 0;
        for (int i = 8; i < KEY_ID_SIZE; i++) {
            lsb = (lsb << 8) | (bytes[offset + i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    /** Writes {@code id} in .NET GUID order into {@code dst} at {@code offset}, without allocating. */
    static void writeDotNetBytes(UUID id, byte[] dst, int offset) {
        Objects.requireNonNull(id, "keyId");
        Objects.checkFromIndexSize(offset, KEY_ID_SIZE, dst.length);
        long msb = id.getMostSignificantBits();
        writeLe(dst, offset, msb >>> 32, 4);
        writeLe(dst, offset + 4, msb >>> 16, 2);
        writeLe(dst, offset + 6, msb, 2);
        long lsb = id.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            dst[offset + 8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }

    private static long readLe(byte[] bytes, int offset, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLe(byte[] dst, int offset, long value, int count) {
        for (int i = 0; i < count; i++) {
            dst[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void write7BitEncodedLength(ByteArrayOutputStream out, int length) {
        int remaining = length;
        while ((remaining & ~0x7F) != 0) {
            out.write((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        out.write(remaining);
    }

    /** UTF-8 of {@code purpose}, refusing (not replacing) lone surrogates as ASP.NET's strict encoder does. */
    private static byte[] strictUtf8(CharsetEncoder encoder, String purpose, int index) {
        if (purpose == null) {
            throw new IllegalArgumentException(
                    "Invalid purpose at index " + index + ": null; purposes must be non-null strings");
        }
        encoder.reset();
        CharBuffer in = CharBuffer.wrap(purpose);
        ByteBuffer out = ByteBuffer.allocate(purpose.length() * 3);
        CoderResult result = encoder.encode(in, out, true);
        if (!result.isError()) {
            result = encoder.flush(out);
        }
        if (result.isError()) {
            throw new IllegalArgumentException("Invalid purpose at index " + index + ": lone UTF-16 surrogate U+"
                    + Integer.toHexString(purpose.charAt(in.position())).toUpperCase(java.util.Locale.ROOT)
                    + " at char " + in.position() + "; purposes must be well-formed UTF-16");
        }
        byte[] utf8 = new byte[out.position()];
        out.flip().get(utf8);
        return utf8;
    }
}
