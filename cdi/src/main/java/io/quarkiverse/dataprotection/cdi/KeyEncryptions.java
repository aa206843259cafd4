package io.quarkiverse.dataprotection.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.cdi.KeyEncryptionConfig.CertificateFiles;
import io.quarkiverse.dataprotection.xmlencryption.CertificateFileSettings;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.CompositeCertificateSource;

/** Sets up the key encryption of {@code key-encryption.*} and loads its certificates once. */
final class KeyEncryptions {

    private static final Logger LOG = Logger.getLogger(KeyEncryptions.class);
    private static final String GROUP = "key-encryption.";

    private KeyEncryptions() {
    }

    /** The started key encryption, or empty with {@code type=none}. */
    static Optional<CertificateKeyEncryption> start(KeyEncryptionConfig config, ApplicationBeans beans) {
        if (config.type() == KeyEncryptionConfig.Type.NONE) {
            warnIfConfigured(config);
            return Optional.empty();
        }
        CertificateSource source = source(config, beans);
        var refreshPeriod = config.type() == KeyEncryptionConfig.Type.AZURE_KEY_VAULT
                ? config.azureKeyVault().refreshPeriod()
                : null;
        CertificateKeyEncryption encryption = new CertificateKeyEncryption(source, refreshPeriod);
        try {
            return Optional.of(encryption.start());
        } catch (RuntimeException e) {
            encryption.close();
            throw e;
        }
    }

    /** The source of {@code type}, plus the decryption-only certificates. No I/O. */
    private static CertificateSource source(KeyEncryptionConfig config, ApplicationBeans beans) {
        CertificateSource primary;
        if (config.type() == KeyEncryptionConfig.Type.CERTIFICATE) {
            primary = files(config.certificate(), GROUP + "certificate");
        } else {
            OptionalModule.AZURE_KEY_VAULT.require();
            primary = AzureKeyVaultSources.create(config.azureKeyVault(), beans);
        }
        List<CertificateSource> decryptionOnly = new ArrayList<>();
        for (Map.Entry<String, CertificateFiles> entry : config.decryptionCertificates().entrySet()) {
            decryptionOnly.add(files(entry.getValue(), GROUP + "decryption-certificates." + entry.getKey()));
        }
        return decryptionOnly.isEmpty() ? primary : new CompositeCertificateSource(primary, decryptionOnly);
    }

    private static CertificateSource files(CertificateFiles files, String group) {
        try {
            return settings(files).source();
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, ConfigErrors.certificateFiles(group));
        }
    }

    private static CertificateFileSettings settings(CertificateFiles files) {
        return new CertificateFileSettings(files.pkcs12().path().orElse(null), files.pkcs12().password().orElse(null),
                files.pem().certificatePath().orElse(null), files.pem().privateKeyPath().orElse(null));
    }

    private static void warnIfConfigured(KeyEncryptionConfig config) {
        if (settings(config.certificate()).isPresent() || config.azureKeyVault().vaultUrl().isPresent()
                || !config.decryptionCertificates().isEmpty()) {
            LOG.warnf("%skey-encryption.* certificates are configured but %skey-encryption.type is none, so keys are "
                    + "neither encrypted nor decrypted with them; set the type to certificate or azure-key-vault",
                    ConfigErrors.PREFIX, ConfigErrors.PREFIX);
        }
    }
}
