package io.quarkiverse.dataprotection.runtime;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.KeyEncryption;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;

/** Sets up the key encryption of {@code key-encryption.*} and loads its certificates once. */
final class KeyEncryptionFactory {

    private static final Logger LOG = Logger.getLogger(KeyEncryptionFactory.class);

    private KeyEncryptionFactory() {
    }

    static Optional<ConfiguredKeyEncryption> create(KeyEncryption config, Instance<CertificateSourceFactory> factories) {
        if (config.type() == KeyEncryptionType.NONE) {
            warnIfConfigured(config);
            return Optional.empty();
        }
        Optional<CertificateSourceFactory> remote = config.type() == KeyEncryptionType.CERTIFICATE ? Optional.empty()
                : Optional.of(remoteFactory(config.type(), factories));
        var source = CertificateSources.create(config, remote);
        ConfiguredKeyEncryption encryption = new ConfiguredKeyEncryption(source,
                remote.flatMap(CertificateSourceFactory::refreshPeriod).orElse(null));
        try {
            return Optional.of(encryption.start());
        } catch (RuntimeException e) {
            encryption.close();
            throw e;
        }
    }

    /** The extension's factory of {@code type}, or an error naming the extension to add. */
    private static CertificateSourceFactory remoteFactory(KeyEncryptionType type, Instance<CertificateSourceFactory> all) {
        return all.stream().filter(f -> f.type().equals(type.toString())).findFirst()
                .orElseThrow(() -> ConfigErrors.invalid("key-encryption.type", type, "it needs the extension "
                        + type.extension() + "; add that dependency to the application"));
    }

    private static void warnIfConfigured(KeyEncryption config) {
        if (config.certificate().pkcs12().path().isPresent() || config.certificate().pem().certificatePath().isPresent()
                || !config.decryptionCertificates().isEmpty()) {
            LOG.warnf("%skey-encryption.* certificates are configured but %skey-encryption.type is none, so keys are "
                    + "neither encrypted nor decrypted with them; set the type to certificate",
                    ConfigErrors.PREFIX, ConfigErrors.PREFIX);
        }
    }
}
