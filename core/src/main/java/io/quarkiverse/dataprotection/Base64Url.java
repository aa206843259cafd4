package io.quarkiverse.dataprotection;

import java.util.Base64;

/** Base64url without padding, as ASP.NET's {@code WebEncoders}; decoding failures are payload failures. */
final class Base64Url {

    private Base64Url() {
    }

    static String encode(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("protectedText must not be null");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw DataProtectionException.invalidPayload();
        }
    }
}
