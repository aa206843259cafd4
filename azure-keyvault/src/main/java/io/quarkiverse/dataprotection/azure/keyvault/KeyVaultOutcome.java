package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.Locale;

/** How a Key Vault call ended, after the Azure SDK's own retries. */
public enum KeyVaultOutcome {
    SUCCESS,
    /** The credential could not get a token (no HTTP request reached the vault). */
    CREDENTIAL_FAILURE,
    /** HTTP 401: the vault refused the token. */
    UNAUTHORIZED,
    /** HTTP 403: the identity lacks the role or access policy, or a vault firewall refused the caller. */
    FORBIDDEN,
    /** HTTP 404: no such vault object. */
    NOT_FOUND,
    /** HTTP 429 after the retries. */
    THROTTLED,
    /** HTTP 5xx after the retries. */
    SERVER_ERROR,
    /** Any other HTTP status, e.g. 400 for data a key cannot unwrap. */
    CLIENT_ERROR,
    /** No HTTP response: connection refused, TLS failure, timeout. */
    UNREACHABLE;

    /** The metric tag value, e.g. {@code credential_failure}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether every call to the vault would fail alike for now (not a problem of one object). */
    boolean vaultWide() {
        return this == CREDENTIAL_FAILURE || this == UNAUTHORIZED || this == THROTTLED || this == SERVER_ERROR
                || this == UNREACHABLE;
    }
}
