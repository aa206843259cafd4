package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Configures an {@link AzureKeyVaultCertificateSource}. Invalid values throw {@link InvalidSettingException} naming the
 * builder method or parameter. Not thread-safe.
 */
public final class AzureKeyVaultCertificateSourceBuilder
        implements KeyVaultClientBuilder<AzureKeyVaultCertificateSourceBuilder> {

    final String vaultUrl;
    final String certificateName;
    final KeyVaultClientOptions options = new KeyVaultClientOptions();

    AzureKeyVaultCertificateSourceBuilder(String vaultUrl, String certificateName) {
        this.vaultUrl = KeyVaultClientOptions.requireText(vaultUrl, "vaultUrl");
        if (!vaultUrl.startsWith("https://")) {
            throw InvalidSettingException.invalid("vaultUrl", vaultUrl, "it must start with https://, e.g. "
                    + "https://my-vault.vault.azure.net");
        }
        this.certificateName = KeyVaultClientOptions.requireText(certificateName, "certificateName");
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder credential(TokenCredential credential) {
        options.credential(credential);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder managedIdentityClientId(String clientId) {
        options.managedIdentityClientId(clientId);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder clientSecretCredential(String tenantId, String clientId, String clientSecret) {
        options.clientSecret(tenantId, clientId, clientSecret);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder workloadIdentityCredential(String tenantId, String clientId,
            String tokenFilePath) {
        options.workloadIdentity(tenantId, clientId, tokenFilePath);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder authorityHost(String authorityHost) {
        options.authorityHost(authorityHost);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder httpClient(HttpClient httpClient) {
        options.httpClient(httpClient);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
        options.retry(maxRetries, baseDelay, maxDelay);
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder disableChallengeResourceVerification() {
        options.disableChallengeResourceVerification();
        return this;
    }

    @Override
    public AzureKeyVaultCertificateSourceBuilder listener(KeyVaultCallListener listener) {
        options.listener(listener);
        return this;
    }

    /** Builds the source; no network traffic until its first {@code certificates()} call. */
    public AzureKeyVaultCertificateSource build() {
        return new AzureKeyVaultCertificateSource(this);
    }
}
