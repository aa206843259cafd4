package io.quarkiverse.dataprotection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.runtime.DataProtectionConfig.KeyEncryption;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;
import io.quarkiverse.dataprotection.runtime.spi.KeyEncryptionFactory;
import io.quarkiverse.dataprotection.runtime.spi.OpenedKeyEncryption;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;

/**
 * Sets up the key encryption of {@code key-encryption.*}: the type that encrypts new keys, and beside it the
 * decryptors of every other form whose settings are present (certificates while a key service wraps, the key
 * service while certificates encrypt), so that a ring in the middle of a migration reads whole. Certificates are loaded
 * once here; a key service is not called until keys are read.
 */
final class KeyEncryptionSetup {

    private static final Logger LOG = Logger.getLogger(KeyEncryptionSetup.class);

    private KeyEncryptionSetup() {
    }

    static Optional<ActiveKeyEncryption> create(KeyEncryption config, Instance<CertificateSourceFactory> certificateFactories,
            Instance<KeyEncryptionFactory> keyEncryptionFactories) {
        if (config.type() == KeyEncryptionType.NONE) {
            warnIfConfigured(config);
            return Optional.empty();
        }
        Optional<KeyEncryptionFactory> external = keyEncryptionFactories.stream()
                .filter(f -> f.type().equals(config.type().toString())).findFirst();
        List<OpenedKeyEncryption> opened = new ArrayList<>();
        ConfiguredKeyEncryption certificates = null;
        try {
            if (external.isPresent()) {
                opened.add(external.get().open());
                certificates = decryptionCertificates(config, certificateFactories).orElse(null);
            } else {
                certificates = certificates(config, certificateFactories);
                for (KeyEncryptionFactory other : keyEncryptionFactories) {
                    if (other.configured()) {
                        opened.add(other.open());
                    }
                }
            }
            return Optional.of(new ActiveKeyEncryption(certificates, external.isEmpty(), opened));
        } catch (RuntimeException e) {
            if (certificates != null) {
                certificates.close();
            }
            opened.forEach(o -> o.release().run());
            throw e;
        }
    }

    /** The certificates of a certificate type, which encrypt new keys. */
    private static ConfiguredKeyEncryption certificates(KeyEncryption config, Instance<CertificateSourceFactory> all) {
        Optional<CertificateSourceFactory> remote = config.type() == KeyEncryptionType.CERTIFICATE ? Optional.empty()
                : Optional.of(remoteFactory(config.type(), all));
        return start(CertificateSources.create(config, remote), remote);
    }

    /** While a key service wraps: whatever certificates are configured, to decrypt the keys they encrypted. */
    private static Optional<ConfiguredKeyEncryption> decryptionCertificates(KeyEncryption config,
            Instance<CertificateSourceFactory> all) {
        Optional<CertificateSourceFactory> remote = all.stream().filter(CertificateSourceFactory::configured).findFirst();
        return CertificateSources.decryptionOnly(config, remote).map(source -> start(source, remote));
    }

    private static ConfiguredKeyEncryption start(CertificateSource source, Optional<CertificateSourceFactory> remote) {
        ConfiguredKeyEncryption encryption = new ConfiguredKeyEncryption(source,
                remote.flatMap(CertificateSourceFactory::refreshPeriod).orElse(null));
        try {
            return encryption.start();
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
