package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.Objects;

/**
 * A failed Key Vault call, described once for people ({@link KeyVaultErrors}).
 *
 * @param outcome how it failed, for metrics
 * @param message what failed and what to fix; never a token or key material
 */
record KeyVaultFailure(KeyVaultOutcome outcome, String message) {

    KeyVaultFailure {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }
}
