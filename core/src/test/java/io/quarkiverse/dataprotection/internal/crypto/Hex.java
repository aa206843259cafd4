package io.quarkiverse.dataprotection.internal.crypto;

import java.util.HexFormat;

/** Test helper: hex with spaces and line breaks allowed, as the specs print it. */
final class Hex {

    private Hex() {
    }

    static byte[] decode(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String encode(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
