package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;

import io.quarkiverse.dataprotection.xmlencryption.CachingCertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.CertificateFiles;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSet;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSourceException;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;

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
 * {@link AzureKeyVaultCertificateSourceBuilder}. Thread-safe.
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

    AzureKeyVaultCertificateSource(AzureKeyVaultCertificateSourceBuilder builder) {
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
    public static AzureKeyVaultCertificateSourceBuilder builder(String vaultUrl, String certificateName) {
        return new AzureKeyVaultCertificateSourceBuilder(vaultUrl, certificateName);
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
            case 403 -> ". Grant the identity the RBAC role 'Key Vault Certificate User', or an access policy "
                    + "with get and list on certificates and get on secrets";
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
}
