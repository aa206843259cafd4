package io.quarkiverse.dataprotection.cli;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The unencrypted header of a protected payload: {@code 09 F0 C9 F0 || key id (16 bytes, .NET Guid byte order) ||
 * ciphertext}. Parsing decrypts nothing.
 *
 * @param bytes the whole payload
 * @param magicHeader the first four bytes, in hex (or fewer when the payload is shorter)
 * @param keyId the key id when the header is valid
 */
record Payload(byte[] bytes, String magicHeader, Optional<UUID> keyId) {

    static final String MAGIC = "09F0C9F0";
    private static final int HEADER_LENGTH = 4 + 16;

    /**
     * @param text base64url, with or without padding (standard base64 is accepted too); whitespace is ignored
     * @throws CliException with {@link ExitCode#NOT_FOUND} when it is not base64
     */
    static Payload parse(String text) {
        String normalized = text.replaceAll("\\s", "").replace('+', '-').replace('/', '_').replace("=", "");
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(normalized);
        } catch (IllegalArgumentException e) {
            throw CliException.notFound("The payload is not base64url, so not a data protection payload");
        }
        String magic = HexFormat.of().withUpperCase().formatHex(bytes, 0, Math.min(4, bytes.length));
        if (bytes.length < HEADER_LENGTH || !MAGIC.equals(magic)) {
            return new Payload(bytes, magic, Optional.empty());
        }
        return new Payload(bytes, magic, Optional.of(netGuid(bytes, 4)));
    }

    boolean validHeader() {
        return keyId.isPresent();
    }

    /** .NET's Guid byte order: the first three fields little-endian, the last eight bytes as they are. */
    private static UUID netGuid(byte[] b, int at) {
        long high = (le(b, at, 4) << 32) | (le(b, at + 4, 2) << 16) | le(b, at + 6, 2);
        long low = 0;
        for (int i = 8; i < 16; i++) {
            low = (low << 8) | (b[at + i] & 0xFF);
        }
        return new UUID(high, low);
    }

    private static long le(byte[] b, int at, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (b[at + i] & 0xFF);
        }
        return value;
    }
}
