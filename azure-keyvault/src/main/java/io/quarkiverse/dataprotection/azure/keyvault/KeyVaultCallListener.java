package io.quarkiverse.dataprotection.azure.keyvault;

/**
 * Hears every Key Vault call this module makes, once per call after the Azure SDK's retries (a bearer challenge or a
 * retried attempt is not a call of its own), e.g. to count them as metrics. Calls happen at start, on background
 * refreshes, and when keys are created or first read, never per protect or unprotect.
 * <p>
 * Implementations must be quick and safe for concurrent use; an exception they throw is ignored.
 */
@FunctionalInterface
public interface KeyVaultCallListener {

    /** Hears nothing. */
    KeyVaultCallListener NONE = (operation, outcome) -> {
    };

    void onCall(KeyVaultOperation operation, KeyVaultOutcome outcome);
}
