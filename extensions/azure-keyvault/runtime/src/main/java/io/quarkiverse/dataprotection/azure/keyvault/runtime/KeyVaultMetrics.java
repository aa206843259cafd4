package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultCallListener;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultOperation;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultOutcome;

/**
 * {@code data_protection.key_vault.calls{operation, outcome}}: Key Vault calls counted once each, after the Azure
 * SDK's retries, e.g. {@code operation=unwrap_key, outcome=forbidden}. Registered by the deployment module only when
 * the application has {@code quarkus-micrometer}. Operations: {@code get_certificate},
 * {@code list_certificate_versions}, {@code get_secret}, {@code get_key}, {@code wrap_key}, {@code unwrap_key};
 * outcomes: {@code success}, {@code credential_failure}, {@code unauthorized}, {@code forbidden}, {@code not_found},
 * {@code throttled}, {@code server_error}, {@code client_error}, {@code unreachable}. Nothing measured is secret.
 * Thread-safe.
 */
@Singleton
public class KeyVaultMetrics implements KeyVaultCallListener {

    private final MeterRegistry registry;

    KeyVaultMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCall(KeyVaultOperation operation, KeyVaultOutcome outcome) {
        // Micrometer keeps one counter per tag set; registering again returns it.
        Counter.builder("data_protection.key_vault.calls").tag("operation", operation.tag()).tag("outcome", outcome.tag())
                .description("Azure Key Vault calls by operation and outcome, after the SDK's retries")
                .register(registry).increment();
    }
}
