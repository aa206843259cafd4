package io.quarkiverse.dataprotection.azure.keyvault;

import java.net.URI;
import java.util.Set;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;

/**
 * Builds azure-identity credentials; kept apart so that azure-identity is loaded only when one is needed. An
 * authority host of {@code null} means azure-identity's default (Azure public cloud, or {@code AZURE_AUTHORITY_HOST}).
 * Stateless.
 */
final class AzureCredentials {

    /**
     * The Microsoft Entra ID hosts of the public and sovereign clouds. For any other authority host (Azure Stack, a
     * private cloud, a test server) MSAL would ask login.microsoftonline.com to validate it, which does not know it:
     * the credential would fail with that lookup's error, or hang on it where the public cloud is unreachable.
     */
    private static final Set<String> KNOWN_AUTHORITIES = Set.of("login.microsoftonline.com", "login.windows.net",
            "login.microsoft.com", "sts.windows.net", "login.microsoftonline.us", "login.usgovcloudapi.net",
            "login-us.microsoftonline.com", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
            "login.microsoftonline.de");

    private AzureCredentials() {
    }

    /** Whether MSAL's instance discovery must be skipped: the authority is not one Microsoft's discovery knows. */
    static boolean unknownAuthority(String authorityHost) {
        if (authorityHost == null) {
            return false;
        }
        String host = URI.create(authorityHost).getHost();
        return host == null || !KNOWN_AUTHORITIES.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    static TokenCredential defaultCredential(String managedIdentityClientId, HttpClient http, String authorityHost) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(http);
        if (managedIdentityClientId != null) {
            builder.managedIdentityClientId(managedIdentityClientId);
        }
        if (authorityHost != null) {
            builder.authorityHost(authorityHost);
        }
        if (unknownAuthority(authorityHost)) {
            builder.disableInstanceDiscovery();
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
        if (unknownAuthority(authorityHost)) {
            builder.disableInstanceDiscovery();
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
        if (unknownAuthority(authorityHost)) {
            builder.disableInstanceDiscovery();
        }
        return builder.build();
    }
}
