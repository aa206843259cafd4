package io.quarkiverse.dataprotection;

/**
 * Hears what a provider does, for metrics: every protect and unprotect, every failure by reason, every read of the
 * key store. Called on the thread doing the work, so implementations must be fast, must not throw and must be safe
 * for concurrent use. Nothing passed here is secret.
 */
public interface DataProtectionListener {

    /** Why an operation failed. */
    enum Failure {
        /** Malformed, tampered with, or for another purpose or application (the generic failure). */
        INVALID_PAYLOAD,
        /** The payload's key is not in the key ring. */
        UNKNOWN_KEY,
        /** The payload's key was revoked. */
        REVOKED_KEY,
        /** The payload's key could not be decrypted (e.g. its certificate is missing). */
        UNUSABLE_KEY,
        /** A time-limited payload that authenticated but expired. */
        EXPIRED,
        /** Protect failed: the key ring has no usable default key. */
        NO_DEFAULT_KEY
    }

    /** Listens to nothing. */
    DataProtectionListener NONE = new DataProtectionListener() {
    };

    /** A payload was protected. */
    default void onProtect() {
    }

    /** A payload was unprotected. */
    default void onUnprotect() {
    }

    /** A protect or unprotect failed. */
    default void onFailure(Failure reason) {
    }

    /** The key store was read, successfully or not. */
    default void onKeyRingRefresh(boolean success) {
    }

    /** The store had lost {@code elements} elements this instance had read, and this instance appended them again. */
    default void onKeysRestored(int elements) {
    }
}
