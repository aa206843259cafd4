package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;
import java.util.Objects;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;

/**
 * The settings every Key Vault builder of this module shares: credential, transport, retries and the call listener,
 * so that an integration (the Quarkus extension) configures the certificate source and key wrap alike.
 *
 * @param <B> the builder
 */
public interface KeyVaultClientBuilder<B extends KeyVaultClientBuilder<B>> {

    /** Any azure-core credential; default azure-identity's {@code DefaultAzureCredential}. */
    B credential(TokenCredential credential);

    /** {@code DefaultAzureCredential} with the client id of a user-assigned managed identity. */
    B managedIdentityClientId(String clientId);

    /**
     * The credential {@code settings} choose (a client secret, workload identity, or {@code DefaultAzureCredential}
     * with an optional user-assigned managed identity), for adapters that read them from configuration.
     */
    default B credential(AzureCredentialSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.clientSecret() != null) {
            return clientSecretCredential(settings.tenantId(), settings.clientId(), settings.clientSecret());
        }
        if (settings.workloadIdentityTokenFile() != null) {
            return workloadIdentityCredential(settings.tenantId(), settings.clientId(),
                    settings.workloadIdentityTokenFile());
        }
        if (settings.managedIdentityClientId() != null) {
            return managedIdentityClientId(settings.managedIdentityClientId());
        }
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    /** A service principal with a client secret. */
    B clientSecretCredential(String tenantId, String clientId, String clientSecret);

    /** Workload identity (e.g. AKS): a federated token file. */
    B workloadIdentityCredential(String tenantId, String clientId, String tokenFilePath);

    /**
     * The Microsoft Entra ID host the azure-identity credentials ask for tokens, e.g.
     * {@code https://login.microsoftonline.us} for Azure Government; default the Azure public cloud's (or
     * {@code AZURE_AUTHORITY_HOST}). Not used with {@link #credential(TokenCredential)}.
     */
    B authorityHost(String authorityHost);

    /**
     * The HTTP transport of the Key Vault clients and the credentials; default the JDK's
     * {@code java.net.http.HttpClient}. In Quarkus, one built on the application's Vert.x.
     */
    B httpClient(HttpClient httpClient);

    /**
     * Retries of 408, 429 (honouring {@code Retry-After}), 5xx and I/O failures: at most {@code maxRetries}, delays
     * doubling from base to max; default 3, from 0.8 s to 8 s. A credential that cannot get a token is not retried.
     */
    B retry(int maxRetries, Duration baseDelay, Duration maxDelay);

    /**
     * Skips the check that the bearer challenge's resource matches the vault's domain. Only for test servers that do
     * not run under {@code *.vault.azure.net}.
     */
    B disableChallengeResourceVerification();

    /** Hears every Key Vault call with its outcome (metrics); default none. */
    B listener(KeyVaultCallListener listener);
}
