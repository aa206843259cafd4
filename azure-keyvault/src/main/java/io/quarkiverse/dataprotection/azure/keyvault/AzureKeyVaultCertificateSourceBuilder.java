package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Configures an {@link AzureKeyVaultCertificateSource}. Invalid values throw {@link InvalidSettingException} naming the
 * builder method or parameter. Not thread-safe.
 */
public final class AzureKeyVaultCertificateSourceBuilder {

    final String vaultUrl;
    final String certificateName;
    /** Built in {@link #build()} so that it uses the final HTTP client. */
    Function<HttpClient, TokenCredential> credential = http -> AzureCredentials.defaultCredential(null, http);
    HttpClient httpClient;
    RetryOptions retryOptions = retryOptions(3, Duration.ofMillis(800), Duration.ofSeconds(8));
    boolean disableChallengeResourceVerification;

    AzureKeyVaultCertificateSourceBuilder(String vaultUrl, String certificateName) {
        this.vaultUrl = requireText(vaultUrl, "vaultUrl");
        if (!vaultUrl.startsWith("https://")) {
            throw InvalidSettingException.invalid("vaultUrl", vaultUrl, "it must start with https://, e.g. "
                    + "https://my-vault.vault.azure.net");
        }
        this.certificateName = requireText(certificateName, "certificateName");
    }

    /**
     * The credential {@code settings} choose (a client secret, workload identity, or {@code DefaultAzureCredential}
     * with an optional managed identity), for adapters that read them from configuration.
     */
    public AzureKeyVaultCertificateSourceBuilder credential(AzureCredentialSettings settings) {
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
        this.credential = http -> AzureCredentials.defaultCredential(null, http);
        return this;
    }

    /** Any azure-core credential; default azure-identity's {@code DefaultAzureCredential}. */
    public AzureKeyVaultCertificateSourceBuilder credential(TokenCredential credential) {
        Objects.requireNonNull(credential, "credential");
        this.credential = http -> credential;
        return this;
    }

    /** {@code DefaultAzureCredential} with the client id of a user-assigned managed identity. */
    public AzureKeyVaultCertificateSourceBuilder managedIdentityClientId(String clientId) {
        requireText(clientId, "managedIdentityClientId");
        this.credential = http -> AzureCredentials.defaultCredential(clientId, http);
        return this;
    }

    /** A service principal with a client secret. */
    public AzureKeyVaultCertificateSourceBuilder clientSecretCredential(String tenantId, String clientId, String clientSecret) {
        requireText(tenantId, "tenantId");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        this.credential = http -> AzureCredentials.clientSecret(tenantId, clientId, clientSecret, http);
        return this;
    }

    /** Workload identity (e.g. AKS): a federated token file. */
    public AzureKeyVaultCertificateSourceBuilder workloadIdentityCredential(String tenantId, String clientId,
            String tokenFilePath) {
        requireText(tenantId, "tenantId");
        requireText(clientId, "clientId");
        requireText(tokenFilePath, "tokenFilePath");
        this.credential = http -> AzureCredentials.workloadIdentity(tenantId, clientId, tokenFilePath, http);
        return this;
    }

    /**
     * The HTTP transport of the Key Vault clients and the default credentials; default the JDK's
     * {@code java.net.http.HttpClient} (azure-core-http-jdk-httpclient). In Quarkus, pass one built on the
     * application's Vert.x instance.
     */
    public AzureKeyVaultCertificateSourceBuilder httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return this;
    }

    /** Retries of 429, 5xx and I/O failures: at most {@code maxRetries}, delays doubling from base to max. */
    public AzureKeyVaultCertificateSourceBuilder retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
        if (maxRetries < 0 || maxRetries > 10) {
            throw InvalidSettingException.invalid("maxRetries", maxRetries, "it must be between 0 and 10");
        }
        this.retryOptions = retryOptions(maxRetries, Objects.requireNonNull(baseDelay, "baseDelay"),
                Objects.requireNonNull(maxDelay, "maxDelay"));
        return this;
    }

    /**
     * Skips the check that the bearer challenge's resource matches the vault's domain. Only for emulators and
     * test servers that do not run under {@code *.vault.azure.net}.
     */
    public AzureKeyVaultCertificateSourceBuilder disableChallengeResourceVerification() {
        this.disableChallengeResourceVerification = true;
        return this;
    }

    /** Builds the source; no network traffic until its first {@code certificates()} call. */
    public AzureKeyVaultCertificateSource build() {
        return new AzureKeyVaultCertificateSource(this);
    }

    private static RetryOptions retryOptions(int maxRetries, Duration baseDelay, Duration maxDelay) {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(maxRetries).setBaseDelay(baseDelay)
                .setMaxDelay(maxDelay));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw InvalidSettingException.missing(name, "it must not be blank");
        }
        return value;
    }
}
