package io.quarkiverse.dataprotection.spi;

import io.quarkiverse.dataprotection.DataProtectionException;

/** The key store could not be read or written. The message names the store, never a key's content. */
public class XmlRepositoryException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    public XmlRepositoryException(String message) {
        super(message);
    }

    public XmlRepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
