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
 * The settings both public builders share (credential, transport, retries, metrics listener), and the credential
 * hint that {@link KeyVaultErrors} puts after "check" when the credential fails. Not thread-safe: used by one
 * builder, then read by the object it built.
 */
final class KeyVaultClientOptions {

    static final int DEFAULT_RETRIES = 3;
    static final String DEFAULT_CREDENTIAL_HINT = "that DefaultAzureCredential finds an identity here: a managed "
            + "identity (with its client id for a user-assigned one), the workload identity or AZURE_CLIENT_ID/"
            + "AZURE_TENANT_ID/AZURE_CLIENT_SECRET environment variables, or an Azure CLI login";

    /** Built when the client is built, so that it uses the final HTTP client and authority host. */
    private Function<Settings, TokenCredential> credential = s -> AzureCredentials.defaultCredential(null, s.http,
            s.authorityHost);
    private String credentialHint = DEFAULT_CREDENTIAL_HINT;
    private HttpClient httpClient;
    private String authorityHost;
    private int retries = DEFAULT_RETRIES;
    private RetryOptions retryOptions = retryOptions(DEFAULT_RETRIES, Duration.ofMillis(800), Duration.ofSeconds(8));
    private boolean disableChallengeResourceVerification;
    private KeyVaultCallListener listener = KeyVaultCallListener.NONE;
    private Duration outagePause = Duration.ofSeconds(5);

    /** What the credential is built with. */
    record Settings(HttpClient http, String authorityHost) {
    }

    void credential(TokenCredential credential) {
        Objects.requireNonNull(credential, "credential");
        this.credential = s -> credential;
        this.credentialHint = "the application's TokenCredential (" + credential.getClass().getSimpleName() + ")";
    }

    void managedIdentityClientId(String clientId) {
        requireText(clientId, "managedIdentityClientId");
        this.credential = s -> AzureCredentials.defaultCredential(clientId, s.http, s.authorityHost);
        this.credentialHint = "that the user-assigned managed identity with client id " + clientId + " is assigned to "
                + "this host, or " + DEFAULT_CREDENTIAL_HINT.substring("that ".length());
    }

    void clientSecret(String tenantId, String clientId, String clientSecret) {
        requireText(tenantId, "tenantId");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        this.credential = s -> AzureCredentials.clientSecret(tenantId, clientId, clientSecret, s.http, s.authorityHost);
        this.credentialHint = "the tenant id " + tenantId + ", the client id " + clientId + " and the client secret (a "
                + "secret expires; use its value, not its id)";
    }

    void workloadIdentity(String tenantId, String clientId, String tokenFile) {
        requireText(tenantId, "tenantId");
        requireText(clientId, "clientId");
        requireText(tokenFile, "tokenFilePath");
        this.credential = s -> AzureCredentials.workloadIdentity(tenantId, clientId, tokenFile, s.http, s.authorityHost);
        this.credentialHint = "the tenant id " + tenantId + ", the client id " + clientId + ", the token file "
                + tokenFile + " and the identity's federated credential (its issuer must be the cluster's OIDC issuer "
                + "and its subject system:serviceaccount:{namespace}:{service account})";
    }

    void authorityHost(String authorityHost) {
        requireText(authorityHost, "authorityHost");
        if (!authorityHost.startsWith("https://")) {
            throw InvalidSettingException.invalid("authorityHost", authorityHost, "it must start with https://, e.g. "
                    + "https://login.microsoftonline.us");
        }
        this.authorityHost = authorityHost;
    }

    void httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    }

    void retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
        if (maxRetries < 0 || maxRetries > 10) {
            throw InvalidSettingException.invalid("maxRetries", maxRetries, "it must be between 0 and 10");
        }
        this.retries = maxRetries;
        this.retryOptions = retryOptions(maxRetries, Objects.requireNonNull(baseDelay, "baseDelay"),
                Objects.requireNonNull(maxDelay, "maxDelay"));
    }

    void disableChallengeResourceVerification() {
        this.disableChallengeResourceVerification = true;
    }

    void listener(KeyVaultCallListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** How long a vault-wide failure stops calls to that vault (tests shorten it). */
    void outagePause(Duration pause) {
        this.outagePause = Objects.requireNonNull(pause, "pause");
    }

    Duration outagePause() {
        return outagePause;
    }

    /** The transport: the one given, or the JDK's. */
    HttpClient http() {
        if (httpClient == null) {
            httpClient = DefaultHttpClient.create();
        }
        return httpClient;
    }

    TokenCredential buildCredential() {
        return credential.apply(new Settings(http(), authorityHost));
    }

    String credentialHint() {
        return credentialHint;
    }

    int retries() {
        return retries;
    }

    RetryOptions retryOptions() {
        return retryOptions;
    }

    boolean challengeResourceVerificationDisabled() {
        return disableChallengeResourceVerification;
    }

    /** The listener, shielded: what it throws never reaches a Key Vault caller. */
    void record(KeyVaultOperation operation, KeyVaultOutcome outcome) {
        try {
            listener.onCall(operation, outcome);
        } catch (RuntimeException ignored) {
            // metrics must never turn a successful call into a failed one
        }
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw InvalidSettingException.missing(name, "it must not be blank");
        }
        return value;
    }

    private static RetryOptions retryOptions(int maxRetries, Duration baseDelay, Duration maxDelay) {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(maxRetries).setBaseDelay(baseDelay)
                .setMaxDelay(maxDelay)).setShouldRetryCondition(KeyVaultErrors::retryable);
    }
}
