package io.quarkiverse.dataprotection.spi;

import io.quarkiverse.dataprotection.DataProtectionException;

/** A key's secret could not be decrypted; the message names what was missing, never key material. */
public class KeyDecryptionException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    public KeyDecryptionException(String message) {
        super(message);
    }

    public KeyDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
