package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;

/** Configures an {@link AzureKeyVaultCertificateSource}. Not thread-safe. */
public final class AzureKeyVaultCertificateSourceBuilder {

    final String vaultUrl;
    final String certificateName;
    final KeyVaultClientOptions options = new KeyVaultClientOptions();

    AzureKeyVaultCertificateSourceBuilder(String vaultUrl, String certificateName) {
        this.vaultUrl = KeyVaultClientOptions.requireText(vaultUrl, "vaultUrl");
        if (!vaultUrl.startsWith("https://")) {
            throw new IllegalArgumentException("The Key Vault URL must start with https://, was " + vaultUrl);
        }
        this.certificateName = KeyVaultClientOptions.requireText(certificateName, "certificateName");
    }

    /** Any azure-core credential; default azure-identity's {@code DefaultAzureCredential}. */
    public AzureKeyVaultCertificateSourceBuilder credential(TokenCredential credential) {
        options.credential(credential);
        return this;
    }

    /** {@code DefaultAzureCredential} with the client id of a user-assigned managed identity. */
    public AzureKeyVaultCertificateSourceBuilder managedIdentityClientId(String clientId) {
        options.managedIdentityClientId(clientId);
        return this;
    }

    /** A service principal with a client secret. */
    public AzureKeyVaultCertificateSourceBuilder clientSecretCredential(String tenantId, String clientId, String clientSecret) {
        options.clientSecret(tenantId, clientId, clientSecret);
        return this;
    }

    /** Workload identity (e.g. AKS): a federated token file. */
    public AzureKeyVaultCertificateSourceBuilder workloadIdentityCredential(String tenantId, String clientId,
            String tokenFilePath) {
        options.workloadIdentity(tenantId, clientId, tokenFilePath);
        return this;
    }

    /**
     * The Microsoft Entra ID host the azure-identity credentials ask for tokens, e.g.
     * {@code https://login.microsoftonline.us} for Azure Government; default the Azure public cloud's (or
     * {@code AZURE_AUTHORITY_HOST}). Not used with {@link #credential(TokenCredential)}.
     */
    public AzureKeyVaultCertificateSourceBuilder authorityHost(String authorityHost) {
        options.authorityHost(authorityHost);
        return this;
    }

    /**
     * The HTTP transport of the Key Vault clients and the default credentials; default the JDK's
     * {@code java.net.http.HttpClient} (azure-core-http-jdk-httpclient). In Quarkus, pass one built on the
     * application's Vert.x instance.
     */
    public AzureKeyVaultCertificateSourceBuilder httpClient(HttpClient httpClient) {
        options.httpClient(httpClient);
        return this;
    }

    /** Retries of 429, 5xx and I/O failures: at most {@code maxRetries}, delays doubling from base to max. */
    public AzureKeyVaultCertificateSourceBuilder retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
        options.retry(maxRetries, baseDelay, maxDelay);
        return this;
    }

    /**
     * Skips the check that the bearer challenge's resource matches the vault's domain. Only for emulators and
     * test servers that do not run under {@code *.vault.azure.net}.
     */
    public AzureKeyVaultCertificateSourceBuilder disableChallengeResourceVerification() {
        options.disableChallengeResourceVerification();
        return this;
    }

    /** Hears every Key Vault call with its outcome (metrics); default none. */
    public AzureKeyVaultCertificateSourceBuilder listener(KeyVaultCallListener listener) {
        options.listener(listener);
        return this;
    }

    /** Builds the source; no network traffic until its first {@code certificates()} call. */
    public AzureKeyVaultCertificateSource build() {
        return new AzureKeyVaultCertificateSource(this);
    }
}
