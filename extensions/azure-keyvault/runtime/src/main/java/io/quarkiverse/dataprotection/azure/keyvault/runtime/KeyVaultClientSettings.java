package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.vertx.VertxHttpClientBuilder;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.azure.keyvault.AzureCredentialSettings;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultCallListener;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultClientBuilder;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PfxOptions;

/**
 * Applies the settings the certificate source and key wrap share to either builder: Quarkus's Vert.x as transport,
 * the credential (the application's {@link TokenCredential} bean, a client secret, workload identity, or
 * {@code DefaultAzureCredential}), the authority host, the challenge check, and the call listeners (metrics).
 * Every check names the property to fix. Stateless.
 */
final class KeyVaultClientSettings {

    private static final Logger LOG = Logger.getLogger(KeyVaultClientSettings.class);
    static final String PROPERTY = "key-encryption.azure-key-vault.";

    private KeyVaultClientSettings() {
    }

    static void apply(DataProtectionAzureKeyVaultConfig config, KeyVaultClientBuilder<?> builder, Vertx vertx,
            Instance<TokenCredential> credentials, Instance<KeyVaultCallListener> listeners) {
        builder.httpClient(httpClient(config, vertx));
        credential(config, builder, credentials);
        config.authorityHost().ifPresent(host -> {
            try {
                builder.authorityHost(host);
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalid(PROPERTY + "authority-host", host, "it must be an https URL, e.g. "
                        + "https://login.microsoftonline.us");
            }
        });
        if (!config.challengeResourceVerification()) {
            LOG.warnf("%s%schallenge-resource-verification=false: the vault's bearer challenge is not checked against "
                    + "its domain; only for test servers", ConfigErrors.PREFIX, PROPERTY);
            builder.disableChallengeResourceVerification();
        }
        builder.listener(compose(listeners));
    }

    static String required(Optional<String> value, String property, String why) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> ConfigErrors.missing(PROPERTY + property, why));
    }

    private static HttpClient httpClient(DataProtectionAzureKeyVaultConfig config, Vertx vertx) {
        VertxHttpClientBuilder builder = new VertxHttpClientBuilder().vertx(vertx);
        config.trustStorePath().ifPresent(path -> builder.httpClientOptions(new HttpClientOptions()
                .setTrustOptions(new PfxOptions().setPath(path).setPassword(config.trustStorePassword().orElse("")))));
        return builder.build();
    }

    private static void credential(DataProtectionAzureKeyVaultConfig config, KeyVaultClientBuilder<?> builder,
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
            throw ConfigErrors.translate(e, CREDENTIAL_PROPERTIES);
        }
    }

    /** The components of {@code AzureCredentialSettings}, by property: the rules are the SDK module's. */
    static final Map<String, String> CREDENTIAL_PROPERTIES = Map.of("tenantId", PROPERTY + "tenant-id", "clientId",
            PROPERTY + "client-id", "clientSecret", PROPERTY + "client-secret", "workloadIdentityTokenFile",
            PROPERTY + "workload-identity-token-file", "managedIdentityClientId",
            PROPERTY + "managed-identity-client-id");

    /** Every listener bean (the Micrometer one when the application has Micrometer), each shielded from the others. */
    private static KeyVaultCallListener compose(Instance<KeyVaultCallListener> listeners) {
        java.util.List<KeyVaultCallListener> all = listeners.stream().toList();
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
}
