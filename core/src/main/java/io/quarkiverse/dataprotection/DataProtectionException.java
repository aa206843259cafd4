package io.quarkiverse.dataprotection;

/**
 * Thrown when data cannot be protected or unprotected, or the key ring cannot be used.
 * <p>
 * A failed unprotect always carries the same generic message whatever went wrong (bad MAC, bad padding,
 * truncated payload, wrong purpose), so callers cannot be used as a padding or MAC oracle. Only an unknown or
 * revoked key is named, by its id. Messages never contain plaintext, key material or wrapped key bytes.
 */
public class DataProtectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The one message of every unprotect failure that is not about a named key. */
    public static final String GENERIC_UNPROTECT_MESSAGE = "The payload was invalid: it is malformed, was tampered with, "
            + "or was protected for another purpose or application";

    public DataProtectionException(String message) {
        super(message);
    }

    public DataProtectionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The generic unprotect failure: no cause attached, so nothing reveals which check failed. */
    public static DataProtectionException invalidPayload() {
        return new DataProtectionException(GENERIC_UNPROTECT_MESSAGE);
    }
}
