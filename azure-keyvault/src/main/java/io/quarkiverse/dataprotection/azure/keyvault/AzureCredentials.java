package io.quarkiverse.dataprotection.azure.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;

/** Builds azure-identity credentials; kept apart so that azure-identity is loaded only when one is needed. */
final class AzureCredentials {

    private AzureCredentials() {
    }

    static TokenCredential defaultCredential(String managedIdentityClientId, HttpClient http) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(http);
        if (managedIdentityClientId != null) {
            builder.managedIdentityClientId(managedIdentityClientId);
        }
        return builder.build();
    }

    static TokenCredential clientSecret(String tenantId, String clientId, String clientSecret, HttpClient http) {
        return new ClientSecretCredentialBuilder().tenantId(tenantId).clientId(clientId).clientSecret(clientSecret)
                .httpClient(http).build();
    }

    static TokenCredential workloadIdentity(String tenantId, String clientId, String tokenFile, HttpClient http) {
        return new WorkloadIdentityCredentialBuilder().tenantId(tenantId).clientId(clientId).tokenFilePath(tokenFile)
                .httpClient(http).build();
    }
}
