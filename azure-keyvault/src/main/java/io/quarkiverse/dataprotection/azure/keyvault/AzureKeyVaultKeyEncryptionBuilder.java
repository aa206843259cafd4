package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;

/** Configures an {@link AzureKeyVaultKeyEncryption}. Not thread-safe. */
public final class AzureKeyVaultKeyEncryptionBuilder {

    private final KeyVaultKeyId key;
    private final KeyVaultClientOptions options = new KeyVaultClientOptions();
    private final List<KeyVaultKeyId> allowed = new ArrayList<>();

    AzureKeyVaultKeyEncryptionBuilder(KeyVaultKeyId key) {
        this.key = key;
        allowed.add(key.versionless());
    }

    /** Any azure-core credential; default azure-identity's {@code DefaultAzureCredential}. */
    public AzureKeyVaultKeyEncryptionBuilder credential(TokenCredential credential) {
        options.credential(credential);
        return this;
    }

    /** {@code DefaultAzureCredential} with the client id of a user-assigned managed identity. */
    public AzureKeyVaultKeyEncryptionBuilder managedIdentityClientId(String clientId) {
        options.managedIdentityClientId(clientId);
        return this;
    }

    /** A service principal with a client secret. */
    public AzureKeyVaultKeyEncryptionBuilder clientSecretCredential(String tenantId, String clientId, String clientSecret) {
        options.clientSecret(tenantId, clientId, clientSecret);
        return this;
    }

    /** Workload identity (e.g. AKS): a federated token file. */
    public AzureKeyVaultKeyEncryptionBuilder workloadIdentityCredential(String tenantId, String clientId,
            String tokenFilePath) {
        options.workloadIdentity(tenantId, clientId, tokenFilePath);
        return this;
    }

    /**
     * The Microsoft Entra ID host the azure-identity credentials ask for tokens, e.g.
     * {@code https://login.microsoftonline.us}; default the Azure public cloud's (or {@code AZURE_AUTHORITY_HOST}).
     */
    public AzureKeyVaultKeyEncryptionBuilder authorityHost(String authorityHost) {
        options.authorityHost(authorityHost);
        return this;
    }

    /** The HTTP transport; default the JDK's. In Quarkus, one built on the application's Vert.x. */
    public AzureKeyVaultKeyEncryptionBuilder httpClient(HttpClient httpClient) {
        options.httpClient(httpClient);
        return this;
    }

    /** Retries of 429 (honouring {@code Retry-After}), 5xx and I/O failures; default 3, from 0.8 s doubling to 8 s. */
    public AzureKeyVaultKeyEncryptionBuilder retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
        options.retry(maxRetries, baseDelay, maxDelay);
        return this;
    }

    /** Only for test servers not under {@code *.vault.azure.net}: skips the bearer challenge's domain check. */
    public AzureKeyVaultKeyEncryptionBuilder disableChallengeResourceVerification() {
        options.disableChallengeResourceVerification();
        return this;
    }

    /**
     * Allows unwrapping with another key too (any version of it), e.g. the key of another vault that wrapped older
     * keys: {@code https://{vault}/keys/{name}}. The configured key is always allowed; a stored key naming any other
     * is refused without a call.
     */
    public AzureKeyVaultKeyEncryptionBuilder allowKey(String keyIdentifier) {
        allowed.add(KeyVaultKeyId.parse(keyIdentifier).versionless());
        return this;
    }

    /** Hears every Key Vault call with its outcome (metrics); default none. */
    public AzureKeyVaultKeyEncryptionBuilder listener(KeyVaultCallListener listener) {
        options.listener(listener);
        return this;
    }

    /** For tests: how long a vault-wide failure stops calls to that vault (default 5 seconds). */
    AzureKeyVaultKeyEncryptionBuilder outagePause(Duration pause) {
        options.outagePause(pause);
        return this;
    }

    /** Builds the pair; no network traffic until a key is wrapped or unwrapped. */
    public AzureKeyVaultKeyEncryption build() {
        return new AzureKeyVaultKeyEncryption(key, options, List.copyOf(allowed));
    }
}
