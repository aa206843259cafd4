package io.quarkiverse.dataprotection.keys;

import io.quarkiverse.dataprotection.DataProtectionException;

/** A stored element is not valid key ring XML. The message says what is wrong, never key material. */
public class KeyXmlException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    public KeyXmlException(String message) {
        super(message);
    }

    public KeyXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
