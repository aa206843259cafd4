package io.quarkiverse.dataprotection.azure.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;

/**
 * Builds azure-identity credentials; kept apart so that azure-identity is loaded only when one is needed. An
 * authority host of {@code null} means azure-identity's default (Azure public cloud, or {@code AZURE_AUTHORITY_HOST}).
 */
final class AzureCredentials {

    private AzureCredentials() {
    }

    static TokenCredential defaultCredential(String managedIdentityClientId, HttpClient http, String authorityHost) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(http);
        if (managedIdentityClientId != null) {
            builder.managedIdentityClientId(managedIdentityClientId);
        }
        if (authorityHost != null) {
            builder.authorityHost(authorityHost);
        }
        return builder.build();
    }

    static TokenCredential clientSecret(String tenantId, String clientId, String clientSecret, HttpClient http,
            String authorityHost) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(tenantId).clientId(clientId)
                .clientSecret(clientSecret).httpClient(http);
        if (authorityHost != null) {
            builder.authorityHost(authorityHost);
        }
        return builder.build();
    }

    static TokenCredential workloadIdentity(String tenantId, String clientId, String tokenFile, HttpClient http,
            String authorityHost) {
        WorkloadIdentityCredentialBuilder builder = new WorkloadIdentityCredentialBuilder().tenantId(tenantId)
                .clientId(clientId).tokenFilePath(tokenFile).httpClient(http);
        if (authorityHost != null) {
            builder.authorityHost(authorityHost);
        }
        return builder.build();
    }
}
