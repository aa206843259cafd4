package io.quarkiverse.dataprotection.azure.keyvault;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
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
 * Azure SDK's retry policy; then the error names the vault URL, the certificate name, the HTTP status and what to
 * fix (the role for a 403), or, when the credential could not get a token, the credential's first error line and
 * what to check ({@link KeyVaultErrors}). A failed
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
    private final KeyVaultClientOptions options;
    /** Fetched versions by version id; a version's secret never changes, so it is read once per process. */
    private final Map<String, CertificateWithKey> byVersion = new ConcurrentHashMap<>();
    private volatile String currentVersion;

    AzureKeyVaultCertificateSource(AzureKeyVaultCertificateSourceBuilder builder) {
        this.vaultUrl = builder.vaultUrl;
        this.certificateName = builder.certificateName;
        this.options = builder.options;
        HttpClient http = options.http();
        TokenCredential credential = options.buildCredential();
        CertificateClientBuilder certificates = new CertificateClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .httpClient(http).retryOptions(options.retryOptions());
        SecretClientBuilder secrets = new SecretClientBuilder().vaultUrl(vaultUrl).credential(credential)
                .httpClient(http).retryOptions(options.retryOptions());
        if (options.challengeResourceVerificationDisabled()) {
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
        String current = call(KeyVaultOperation.GET_CERTIFICATE, "getCertificate",
                () -> certificateClient.getCertificate(certificateName).getProperties().getVersion());
        List<String> enabled = call(KeyVaultOperation.LIST_CERTIFICATE_VERSIONS, "listPropertiesOfCertificateVersions",
                () -> {
                    List<String> versions = new ArrayList<>();
                    for (CertificateProperties version : certificateClient
                            .listPropertiesOfCertificateVersions(certificateName)) {
                        if (Boolean.TRUE.equals(version.isEnabled())) {
                            versions.add(version.getVersion());
                        }
                    }
                    return versions;
                });
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
        KeyVaultSecret secret = call(KeyVaultOperation.GET_SECRET, "getSecret of version " + version,
                () -> secretClient.getSecret(certificateName, version));
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

    /** Runs one Key Vault call, recording its outcome; a failure becomes one message naming what to fix. */
    private <T> T call(KeyVaultOperation operation, String action, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            KeyVaultFailure failure = KeyVaultErrors.describe(e, vaultUrl, KeyVaultErrors.Subject.CERTIFICATE,
                    "'" + certificateName + "'", action, options.credentialHint(), options.retries());
            options.record(operation, failure.outcome());
            throw new CertificateSourceException(failure.message(), e);
        }
        options.record(operation, KeyVaultOutcome.SUCCESS);
        return result;
    }

    private String what() {
        return "Azure Key Vault " + vaultUrl + " certificate '" + certificateName + "'";
    }
}
