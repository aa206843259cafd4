package io.quarkiverse.dataprotection.xmlencryption;

import io.quarkiverse.dataprotection.DataProtectionException;

/**
 * Certificates could not be loaded. The message names where from (file, vault URL and certificate name, HTTP
 * status) and never contains a password or key material.
 */
public class CertificateSourceException extends DataProtectionException {

    private static final long serialVersionUID = 1L;

    public CertificateSourceException(String message) {
        super(message);
    }

    public CertificateSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
