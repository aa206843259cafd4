package io.quarkiverse.dataprotection.runtime;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.KeyEncryption;
import io.vertx.core.Vertx;

/** Sets up the key encryption of {@code key-encryption.*} and loads its certificates once. */
final class KeyEncryptionFactory {

    private static final Logger LOG = Logger.getLogger(KeyEncryptionFactory.class);

    private KeyEncryptionFactory() {
    }

    static Optional<ConfiguredKeyEncryption> create(KeyEncryption config, Instance<Vertx> vertx,
            Instance<TokenCredential> credentials) {
        if (config.type() == KeyEncryptionType.NONE) {
            warnIfConfigured(config);
            return Optional.empty();
        }
        var refreshPeriod = config.type() == KeyEncryptionType.AZURE_KEY_VAULT
                ? config.azureKeyVault().refreshPeriod()
                : null;
        var source = CertificateSources.create(config, vertx, credentials);
        ConfiguredKeyEncryption encryption = new ConfiguredKeyEncryption(source, refreshPeriod);
        try {
            return Optional.of(encryption.start());
        } catch (RuntimeException e) {
            encryption.close();
            throw e;
        }
    }

    private static void warnIfConfigured(KeyEncryption config) {
        if (config.certificate().pkcs12().path().isPresent() || config.certificate().pem().certificatePath().isPresent()
                || config.azureKeyVault().vaultUrl().isPresent() || !config.decryptionCertificates().isEmpty()) {
            LOG.warnf("%skey-encryption.* certificates are configured but %skey-encryption.type is none, so keys are "
                    + "neither encrypted nor decrypted with them; set the type to certificate or azure-key-vault",
                    ConfigErrors.PREFIX, ConfigErrors.PREFIX);
        }
    }
}
