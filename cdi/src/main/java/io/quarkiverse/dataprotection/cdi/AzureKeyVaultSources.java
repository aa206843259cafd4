package io.quarkiverse.dataprotection.cdi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.azure.keyvault.AzureCredentialSettings;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSource;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSourceBuilder;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultCallListener;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultClientBuilder;
import io.quarkiverse.dataprotection.cdi.KeyEncryptionConfig.AzureKeyVault;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;

/**
 * Builds the Azure Key Vault certificate source as the Quarkus extension does, on the JDK's HTTP client
 * (azure-core-http-jdk-httpclient) instead of Vert.x, and applies the client settings it shares with the key wrap of
 * {@link AzureKeyVaultKeyWraps}. With that class, the only one of the extension that touches the Azure SDK
 * ({@link OptionalModule#AZURE_KEY_VAULT} is checked before it loads). No network traffic here.
 */
final class AzureKeyVaultSources {

    private static final Logger LOG = Logger.getLogger(AzureKeyVaultSources.class);
    static final String GROUP = "key-encryption.azure-key-vault.";
    private static final String WITH_TYPE = "it is required when " + ConfigErrors.PREFIX
            + "key-encryption.type=azure-key-vault; ";

    private AzureKeyVaultSources() {
    }

    static CertificateSource create(AzureKeyVault config, ApplicationBeans beans) {
        String vaultUrl = required(config.vaultUrl(), "vault-url", WITH_TYPE + "set it to the vault's URL, e.g. "
                + "https://my-vault.vault.azure.net");
        String name = required(config.certificateName(), "certificate-name", WITH_TYPE + "set it to the name of the "
                + "Key Vault certificate whose key encrypts the data protection keys");
        try {
            InvalidSettingException.requirePositive("refreshPeriod", config.refreshPeriod(), "PT1H");
            AzureKeyVaultCertificateSourceBuilder builder = AzureKeyVaultCertificateSource.builder(vaultUrl, name);
            apply(config, builder, beans);
            return builder.build();
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, ConfigErrors.AZURE_KEY_VAULT);
        }
    }

    /**
     * The settings the certificate source and key wrap share: the JDK transport (with the configured trust store),
     * the credential (the application's {@link TokenCredential} bean, a client secret, workload identity or
     * {@code DefaultAzureCredential}), the authority host, the challenge check, and the application's
     * {@link KeyVaultCallListener} beans.
     *
     * @throws InvalidSettingException from the credential rules of the SDK module
     */
    static void apply(AzureKeyVault config, KeyVaultClientBuilder<?> builder, ApplicationBeans beans) {
        builder.httpClient(httpClient(config));
        Optional<TokenCredential> credential = beans.unique(TokenCredential.class, "Key Vault authentication");
        if (credential.isPresent()) {
            // The application's own credential wins, as its RedissonClient does for the Redis store.
            LOG.debug("Authenticating to Key Vault with the application's TokenCredential bean");
            builder.credential(credential.get());
        } else {
            builder.credential(new AzureCredentialSettings(config.tenantId().orElse(null),
                    config.clientId().orElse(null), config.clientSecret().orElse(null),
                    config.workloadIdentityTokenFile().orElse(null),
                    config.managedIdentityClientId().orElse(null)));
        }
        config.authorityHost().ifPresent(host -> {
            try {
                builder.authorityHost(host);
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalid(GROUP + "authority-host", host, "it must be an https URL, e.g. "
                        + "https://login.microsoftonline.us");
            }
        });
        if (!config.challengeResourceVerification()) {
            LOG.warnf("%s%schallenge-resource-verification=false: the vault's bearer challenge is not checked "
                    + "against its domain; only for test servers", ConfigErrors.PREFIX, GROUP);
            builder.disableChallengeResourceVerification();
        }
        builder.listener(compose(beans.all(KeyVaultCallListener.class)));
    }

    /** Every listener bean, each shielded from the others' failures. */
    private static KeyVaultCallListener compose(List<KeyVaultCallListener> listeners) {
        if (listeners.isEmpty()) {
            return KeyVaultCallListener.NONE;
        }
        List<KeyVaultCallListener> all = List.copyOf(listeners);
        return (operation, outcome) -> {
            for (KeyVaultCallListener listener : all) {
                try {
                    listener.onCall(operation, outcome);
                } catch (RuntimeException ignored) {
                    // one listener's failure must not keep the others from hearing the call
                }
            }
        };
    }

    private static HttpClient httpClient(AzureKeyVault config) {
        if (config.trustStorePath().isEmpty()) {
            return new JdkHttpClientBuilder().build();
        }
        String path = config.trustStorePath().get();
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(trusting(path, config.trustStorePassword().orElse("")))).build();
    }

    /** TLS that trusts exactly the certificates of the PKCS#12 trust store at {@code path}. */
    private static SSLContext trusting(String path, String password) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw ConfigErrors.invalid(GROUP + "trust-store-path", path, "cannot be read as a PKCS#12 trust store "
                    + "with " + GROUP + "trust-store-password (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    static String required(Optional<String> value, String property, String why) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> ConfigErrors.missing(GROUP + property, why));
    }
}
