package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;

/** Configures an {@link AzureKeyVaultKeyEncryption}. Not thread-safe. */
public final class AzureKeyVaultKeyEncryptionBuilder implements KeyVaultClientBuilder<AzureKeyVaultKeyEncryptionBuilder> {

    private final KeyVaultKeyId key;
    private final KeyVaultClientOptions options = new KeyVaultClientOptions();
    private final List<KeyVaultKeyId> allowed = new ArrayList<>();

    AzureKeyVaultKeyEncryptionBuilder(KeyVaultKeyId key) {
        this.key = key;
        allowed.add(key.versionless());
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder credential(TokenCredential credential) {
        options.credential(credential);
        return this;
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder managedIdentityClientId(String clientId) {
        options.managedIdentityClientId(clientId);
        return this;
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder clientSecretCredential(String tenantId, String clientId, String clientSecret) {
        options.clientSecret(tenantId, clientId, clientSecret);
        return this;
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder workloadIdentityCredential(String tenantId, String clientId,
            String tokenFilePath) {
        options.workloadIdentity(tenantId, clientId, tokenFilePath);
        return this;
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder authorityHost(String authorityHost) {
        options.authorityHost(authorityHost);
        return this;
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder httpClient(HttpClient httpClient) {
        options.httpClient(httpClient);
        return this;
    }

    @Override
    public AzureKeyVaultKeyEncryptionBuilder retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
        options.retry(maxRetries, baseDelay, maxDelay);
        return this;
    }

    @Override
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

    @Override
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
