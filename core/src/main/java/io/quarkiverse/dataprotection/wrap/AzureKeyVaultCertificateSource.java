package io.quarkiverse.dataprotection.wrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;

/**
 * The certificates of one Azure Key Vault certificate: its current version encrypts new keys, and every enabled
 * version (the current one included) decrypts. Each version's certificate and private key are read from the
 * certificate's backing secret ({@code GET {vault}/secrets/{name}/{version}}: base64 PKCS#12 when its content type is
 * {@code application/x-pkcs12}, PEM text for {@code application/x-pem-file}); the versions are listed with
 * {@code GET {vault}/certificates/{name}/versions} and the current one read with
 * {@code GET {vault}/certificates/{name}}. The certificate policy must mark the key exportable.
 * <p>
 * Network traffic happens only on the first {@link #certificates()} call (start) and on each {@link #refresh()}
 * (scheduling is the caller's), never per key or per request. A version's secret is fetched once per process and
 * cached by version id, so a refresh after a rotation fetches only the new version. Disabled versions are neither
 * fetched nor used. HTTP 429 and 5xx responses and I/O errors are retried with bounded exponential backoff by the
 * Azure SDK's retry policy; then the error names the vault URL, the certificate name and the HTTP status. A failed
 * refresh keeps the certificates loaded before. When the secret of an older version cannot be read, that version is
 * skipped with a warning (and tried again on the next refresh); when the current version cannot be read, loading
 * fails.
 * <p>
 * Authentication: azure-identity's {@code DefaultAzureCredential} unless configured otherwise, so a managed identity
 * works with no secret in configuration; client secret and workload identity credentials can be chosen on the
 * {@link Builder}. Thread-safe.
 */
public final class AzureKeyVaultCertificateSource extends CachingCertificateSource {

    private static final Logger LOG = Logger.getLogger(AzureKeyVaultCertificateSource.class);
    static final String PKCS12 = "application/x-pkcs12";
    static final String PEM = "application/x-pem-file";

    private final String vaultUrl;
    private final String certificateName;
    private final CertificateClient certificateClient;
    private final SecretClient secretClient;
    /** Fetched versions by version id; a version's secret never changes, so it is read once per process. */
    private final Map<String, CertificateWithKey> byVersion = new ConcurrentHashMap<>();
    private volatile String currentVersion;

    private AzureKeyVaultCertificateSource(Builder builder) {
        this.vaultUrl = builder.vaultUrl;
        this.certificateName = builder.certificateName;
        HttpClient http = builder.httpClient != null ? builder.httpClient : DefaultHttpClient.create();
        TokenCredential credential = builder.credential.apply(http);
        CertificateClientBuilder certificates = new CertificateClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .httpClient(http).retryOptions(builder.retryOptions);
        SecretClientBuilder secrets = new SecretClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .httpClient(http).retryOptions(builder.retryOptions);
        if (builder.disableChallengeResourceVerification) {
            certificates.disableChallengeResourceVerification();
            secrets.disableChallengeResourceVerification();
        }
        this.certificateClient = certificates.buildClient();
        this.secretClient = secrets.buildClient();
    }

    /**
     * @param vaultUrl e.g. {@code https://my-vault.vault.azure.net}
     * @param certificateName the Key Vault certificate name
     */
    public static Builder builder(String vaultUrl, String certificateName) {
        return new Builder(vaultUrl, certificateName);
    }

    @Override
    protected CertificateSet load() {
        String current;
        List<String> enabled = new ArrayList<>();
        try {
            current = certificateClient.getCertificate(certificateName).getProperties().getVersion();
            for (CertificateProperties version : certificateClient.listPropertiesOfCertificateVersions(certificateName)) {
                if (Boolean.TRUE.equals(version.isEnabled())) {
                    enabled.add(version.getVersion());
                }
            }
        } catch (HttpResponseException e) {
            throw failure("cannot read the certificate", e);
        } catch (RuntimeException e) {
            throw unreachable("cannot read the certificate", e);
        }
        CertificateWithKey encryption = fetch(current);
        List<CertificateWithKey> decryption = new ArrayList<>();
        for (String version : enabled) {
            if (!version.equals(current)) {
                try {
                    decryption.add(fetch(version));
                } catch (CertificateSourceException e) {
                    LOG.warnf("Skipping version %s of %s: keys encrypted with it cannot be decrypted. %s", version,
                            what(), e.getMessage());
                }
            }
        }
        if (!current.equals(currentVersion)) {
            LOG.infof("Encrypting new keys with version %s of %s: %s; %d version(s) decrypt", current, what(),
                    encryption.describe(), decryption.size() + 1);
        }
        currentVersion = current;
        return new CertificateSet(encryption, decryption);
    }

    /** The version that encrypts new keys, once loaded. */
    public String currentVersion() {
        certificates();
        return currentVersion;
    }

    @Override
    public String description() {
        return what();
    }

    private CertificateWithKey fetch(String version) {
        CertificateWithKey cached = byVersion.get(version);
        if (cached != null) {
            return cached;
        }
        KeyVaultSecret secret;
        try {
            secret = secretClient.getSecret(certificateName, version);
        } catch (HttpResponseException e) {
            throw failure("cannot read the secret of version " + version, e);
        } catch (RuntimeException e) {
            throw unreachable("cannot read the secret of version " + version, e);
        }
        CertificateWithKey certificate = parse(secret, version);
        byVersion.put(version, certificate);
        return certificate;
    }

    private CertificateWithKey parse(KeyVaultSecret secret, String version) {
        String what = "version " + version + " of " + what();
        String contentType = secret.getProperties().getContentType();
        String value = secret.getValue();
        if (value == null) {
            throw new CertificateSourceException("The secret of " + what + " has no value");
        }
        try {
            if (PEM.equals(contentType)) {
                return CertificateFiles.fromPem(value, value, what);
            }
            if (contentType == null || PKCS12.equals(contentType)) {
                return CertificateFiles.fromPkcs12(Base64.getMimeDecoder().decode(value), new char[0], what);
            }
        } catch (IllegalArgumentException e) {
            throw new CertificateSourceException("The secret of " + what + " is not base64 PKCS#12", e);
        } catch (CertificateSourceException e) {
            throw new CertificateSourceException(e.getMessage() + ". Key Vault returns the private key only when "
                    + "the certificate policy marks the key exportable", e);
        }
        throw new CertificateSourceException("The secret of " + what + " has content type " + contentType
                + "; expected " + PKCS12 + " or " + PEM);
    }

    private CertificateSourceException failure(String action, HttpResponseException e) {
        String status = e.getResponse() == null ? "no HTTP response" : "HTTP " + e.getResponse().getStatusCode();
        return new CertificateSourceException("Azure Key Vault " + vaultUrl + ", certificate '" + certificateName
                + "': " + action + " (" + status + ")" + hint(e) + ": " + firstLine(e.getMessage()), e);
    }

    /** I/O failures (connection refused, TLS, timeouts) after the SDK's retries, and credential errors. */
    private CertificateSourceException unreachable(String action, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new CertificateSourceException("Azure Key Vault " + vaultUrl + ", certificate '" + certificateName
                + "': " + action + " (no HTTP response): " + cause.getClass().getSimpleName() + ": "
                + firstLine(cause.getMessage()), e);
    }

    private static String hint(HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        return switch (status) {
            case 401 -> ". Check the credential (managed identity, client secret or workload identity)";
            case 403 -> ". Grant the identity 'get' and 'list' on certificates and 'get' on secrets "
                    + "(role 'Key Vault Certificate User' and 'Key Vault Secrets User')";
            case 404 -> ". Check the vault URL and the certificate name";
            default -> "";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private String what() {
        return "Azure Key Vault " + vaultUrl + " certificate '" + certificateName + "'";
    }

    /** Configures an {@link AzureKeyVaultCertificateSource}. Not thread-safe. */
    public static final class Builder {

        private final String vaultUrl;
        private final String certificateName;
        /** Built in {@link #build()} so that it uses the final HTTP client. */
        private Function<HttpClient, TokenCredential> credential = http -> AzureCredentials.defaultCredential(null, http);
        private HttpClient httpClient;
        private RetryOptions retryOptions = retryOptions(3, Duration.ofMillis(800), Duration.ofSeconds(8));
        private boolean disableChallengeResourceVerification;

        private Builder(String vaultUrl, String certificateName) {
            this.vaultUrl = requireText(vaultUrl, "vaultUrl");
            if (!vaultUrl.startsWith("https://")) {
                throw new IllegalArgumentException("The Key Vault URL must start with https://, was " + vaultUrl);
            }
            this.certificateName = requireText(certificateName, "certificateName");
        }

        /** Any azure-core credential; default azure-identity's {@code DefaultAzureCredential}. */
        public Builder credential(TokenCredential credential) {
            Objects.requireNonNull(credential, "credential");
            this.credential = http -> credential;
            return this;
        }

        /** {@code DefaultAzureCredential} with the client id of a user-assigned managed identity. */
        public Builder managedIdentityClientId(String clientId) {
            requireText(clientId, "managedIdentityClientId");
            this.credential = http -> AzureCredentials.defaultCredential(clientId, http);
            return this;
        }

        /** A service principal with a client secret. */
        public Builder clientSecretCredential(String tenantId, String clientId, String clientSecret) {
            requireText(tenantId, "tenantId");
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            this.credential = http -> AzureCredentials.clientSecret(tenantId, clientId, clientSecret, http);
            return this;
        }

        /** Workload identity (e.g. AKS): a federated token file. */
        public Builder workloadIdentityCredential(String tenantId, String clientId, String tokenFilePath) {
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
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Retries of 429, 5xx and I/O failures: at most {@code maxRetries}, delays doubling from base to max. */
        public Builder retry(int maxRetries, Duration baseDelay, Duration maxDelay) {
            if (maxRetries < 0 || maxRetries > 10) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 10, was " + maxRetries);
            }
            this.retryOptions = retryOptions(maxRetries, Objects.requireNonNull(baseDelay, "baseDelay"),
                    Objects.requireNonNull(maxDelay, "maxDelay"));
            return this;
        }

        /**
         * Skips the check that the bearer challenge's resource matches the vault's domain. Only for emulators and
         * test servers that do not run under {@code *.vault.azure.net}.
         */
        public Builder disableChallengeResourceVerification() {
            this.disableChallengeResourceVerification = true;
            return this;
        }

        /** Builds the source; no network traffic until the first {@link #certificates()} call. */
        public AzureKeyVaultCertificateSource build() {
            return new AzureKeyVaultCertificateSource(this);
        }

        private static RetryOptions retryOptions(int maxRetries, Duration baseDelay, Duration maxDelay) {
            return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(maxRetries).setBaseDelay(baseDelay)
                    .setMaxDelay(maxDelay));
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
