package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import static io.quarkiverse.dataprotection.azure.keyvault.runtime.KeyVaultClientSettings.PROPERTY;
import static io.quarkiverse.dataprotection.azure.keyvault.runtime.KeyVaultClientSettings.required;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSource;
import io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSourceBuilder;
import io.quarkiverse.dataprotection.azure.keyvault.KeyVaultCallListener;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.vertx.core.Vertx;

/**
 * {@code key-encryption.type=azure-key-vault}: the Azure Key Vault certificate source on Quarkus's Vert.x, with the
 * application's {@link TokenCredential} bean when it has one. With {@code certificate-name} set under another type
 * (a key service wraps new keys), the certificate still decrypts the keys encrypted to it.
 */
@Singleton
class AzureKeyVaultCertificateSourceFactory implements CertificateSourceFactory {

    private static final String WITH_TYPE = "it is required when " + ConfigErrors.PREFIX
            + "key-encryption.type=azure-key-vault; ";

    private final DataProtectionAzureKeyVaultConfig config;
    private final Instance<Vertx> vertx;
    private final Instance<TokenCredential> credentials;
    private final Instance<KeyVaultCallListener> listeners;

    AzureKeyVaultCertificateSourceFactory(DataProtectionAzureKeyVaultConfig config, Instance<Vertx> vertx,
            Instance<TokenCredential> credentials, @Any Instance<KeyVaultCallListener> listeners) {
        this.config = config;
        this.vertx = vertx;
        this.credentials = credentials;
        this.listeners = listeners;
    }

    @Override
    public String type() {
        return "azure-key-vault";
    }

    @Override
    public boolean configured() {
        return config.certificateName().filter(name -> !name.isBlank()).isPresent();
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
        KeyVaultClientSettings.apply(config, builder, vertx.get(), credentials, listeners);
        return builder.build();
    }
}
