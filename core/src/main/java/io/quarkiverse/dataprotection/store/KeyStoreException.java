package io.quarkiverse.dataprotection.store;

import io.quarkiverse.dataprotection.DataProtectionException;

/** The key store could not be read or written. The message names the store, never a key's content. */
public class KeyStoreException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    public KeyStoreException(String message) {
        super(message);
    }

    public KeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
