package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.vertx.VertxHttpClientBuilder;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.azure.keyvault.AzureCredentialSettings;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSource;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSourceBuilder;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PfxOptions;

/**
 * {@code key-encryption.type=azure-key-vault}: the Azure Key Vault certificate source on Quarkus's Vert.x, with the
 * application's {@link TokenCredential} bean when it has one.
 */
@Singleton
class AzureKeyVaultCertificateSourceFactory implements CertificateSourceFactory {

    private static final Logger LOG = Logger.getLogger(AzureKeyVaultCertificateSourceFactory.class);
    private static final String PROPERTY = "key-encryption.azure-key-vault.";
    private static final String WITH_TYPE = "it is required when " + ConfigErrors.PREFIX
            + "key-encryption.type=azure-key-vault; ";

    private final DataProtectionAzureKeyVaultConfig config;
    private final Instance<Vertx> vertx;
    private final Instance<TokenCredential> credentials;

    AzureKeyVaultCertificateSourceFactory(DataProtectionAzureKeyVaultConfig config, Instance<Vertx> vertx,
            Instance<TokenCredential> credentials) {
        this.config = config;
        this.vertx = vertx;
        this.credentials = credentials;
    }

    @Override
    public String type() {
        return "azure-key-vault";
    }

    @Override
    public Optional<Duration> refreshPeriod() {
        return Optional.of(config.refreshPeriod());
    }

    @Override
    public CertificateSource create() {
        String vaultUrl = required(config.vaultUrl(), "vault-url", WITH_TYPE + "set it to the vault's URL, e.g. "
                + "https://my-vault.vault.azure.net");
        String name = required(config.certificateName(), "certificate-name", WITH_TYPE + "set it to the name of the Key Vault "
                + "certificate whose key encrypts the data protection keys");
        if (config.refreshPeriod().isZero() || config.refreshPeriod().isNegative()) {
            throw ConfigErrors.invalid(PROPERTY + "refresh-period", config.refreshPeriod(), "it must be positive, "
                    + "for example 1H");
        }
        AzureKeyVaultCertificateSourceBuilder builder;
        try {
            builder = AzureKeyVaultCertificateSource.builder(vaultUrl, name);
        } catch (IllegalArgumentException e) {
            throw ConfigErrors.invalid(PROPERTY + "vault-url", vaultUrl, e.getMessage());
        }
        builder.httpClient(httpClient(config, vertx.get()));
        credential(config, builder, credentials);
        if (!config.challengeResourceVerification()) {
            LOG.warnf("%s%schallenge-resource-verification=false: the vault's bearer challenge is not checked against "
                    + "its domain; only for test servers", ConfigErrors.PREFIX, PROPERTY);
            builder.disableChallengeResourceVerification();
        }
        return builder.build();
    }

    private static HttpClient httpClient(DataProtectionAzureKeyVaultConfig config, Vertx vertx) {
        VertxHttpClientBuilder builder = new VertxHttpClientBuilder().vertx(vertx);
        config.trustStorePath().ifPresent(path -> builder.httpClientOptions(new HttpClientOptions()
                .setTrustOptions(new PfxOptions().setPath(path).setPassword(config.trustStorePassword().orElse("")))));
        return builder.build();
    }

    private static void credential(DataProtectionAzureKeyVaultConfig config, AzureKeyVaultCertificateSourceBuilder builder,
            Instance<TokenCredential> credentials) {
        if (credentials.isResolvable()) {
            // The application's own credential wins, as the application's RedissonClient does for the Redis store.
            LOG.debug("Authenticating to Key Vault with the application's TokenCredential bean");
            builder.credential(credentials.get());
            return;
        }
        try {
            builder.credential(new AzureCredentialSettings(config.tenantId().orElse(null),
                    config.clientId().orElse(null), config.clientSecret().orElse(null),
                    config.workloadIdentityTokenFile().orElse(null), config.managedIdentityClientId().orElse(null)));
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, PROPERTIES);
        }
    }

    /** The components of {@code AzureCredentialSettings}, by property. */
    static final Map<String, String> PROPERTIES = Map.of("tenantId", PROPERTY + "tenant-id", "clientId",
            PROPERTY + "client-id", "clientSecret", PROPERTY + "client-secret", "workloadIdentityTokenFile",
            PROPERTY + "workload-identity-token-file", "managedIdentityClientId", PROPERTY + "managed-identity-client-id");

    private static String required(Optional<String> value, String property, String why) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> ConfigErrors.missing(PROPERTY + property,
                why));
    }
}
