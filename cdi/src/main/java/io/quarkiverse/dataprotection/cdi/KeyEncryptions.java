package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
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

/**
 * Sets up the key encryption of {@code key-encryption.*} as the Quarkus extension does: the type that encrypts new
 * keys, and beside it the decryptors of every other form whose settings are present (the certificates while a Key
 * Vault key wraps, the key of {@code azure-key-vault.key-name} while certificates encrypt), so that a ring in the
 * middle of a migration reads whole. Certificates are loaded once here; Key Vault keys are not called until keys are
 * read or created.
 */
final class KeyEncryptions {

    private static final Logger LOG = Logger.getLogger(KeyEncryptions.class);
    private static final String GROUP = "key-encryption.";

    private KeyEncryptions() {
    }

    /** The started key encryption, or empty with {@code type=none}. */
    static Optional<StartedKeyEncryption> start(KeyEncryptionConfig config, ApplicationBeans beans) {
        if (config.type() == KeyEncryptionConfig.Type.NONE) {
            warnIfConfigured(config);
            return Optional.empty();
        }
        if (config.type() == KeyEncryptionConfig.Type.AZURE_KEY_VAULT_KEY) {
            OptionalModule.AZURE_KEY_VAULT_KEY.require();
            StartedKeyEncryption.KeyWrap keyWrap = AzureKeyVaultKeyWraps.create(config.azureKeyVault(), beans);
            CertificateKeyEncryption certificates = decryptionCertificates(config, beans)
                    .map(source -> start(source, refreshPeriod(config), true)).orElse(null);
            return Optional.of(new StartedKeyEncryption(certificates, keyWrap, true));
        }
        StartedKeyEncryption.KeyWrap keyWrap = null;
        if (config.azureKeyVault().keyName().filter(name -> !name.isBlank()).isPresent()) {
            // key-name under another type: the key still unwraps the keys it wrapped (a migration away from it)
            OptionalModule.AZURE_KEY_VAULT_KEY.require();
            keyWrap = AzureKeyVaultKeyWraps.create(config.azureKeyVault(), beans);
        }
        var refreshPeriod = config.type() == KeyEncryptionConfig.Type.AZURE_KEY_VAULT
                ? config.azureKeyVault().refreshPeriod()
                : null;
        return Optional.of(new StartedKeyEncryption(start(source(config, beans), refreshPeriod, false), keyWrap,
                false));
    }

    private static CertificateKeyEncryption start(CertificateSource source, Duration refreshPeriod,
            boolean decryptsOnly) {
        CertificateKeyEncryption encryption = new CertificateKeyEncryption(source, refreshPeriod, decryptsOnly);
        try {
            return encryption.start();
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

    /**
     * While a Key Vault key wraps: every configured certificate (the Key Vault certificate of
     * {@code certificate-name}, {@code certificate.*} and {@code decryption-certificates.*}), to decrypt the keys
     * encrypted to them; empty when there are none. No I/O.
     */
    private static Optional<CertificateSource> decryptionCertificates(KeyEncryptionConfig config,
            ApplicationBeans beans) {
        List<CertificateSource> sources = new ArrayList<>();
        if (vaultCertificateConfigured(config)) {
            OptionalModule.AZURE_KEY_VAULT.require();
            sources.add(AzureKeyVaultSources.create(config.azureKeyVault(), beans));
        }
        if (settings(config.certificate()).isPresent()) {
            sources.add(files(config.certificate(), GROUP + "certificate"));
        }
        for (Map.Entry<String, CertificateFiles> entry : config.decryptionCertificates().entrySet()) {
            sources.add(files(entry.getValue(), GROUP + "decryption-certificates." + entry.getKey()));
        }
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sources.size() == 1 ? sources.get(0)
                : new CompositeCertificateSource(sources.get(0), sources.subList(1, sources.size())));
    }

    /** The Key Vault certificate rotates, so it is refreshed; files are loaded once. */
    private static Duration refreshPeriod(KeyEncryptionConfig config) {
        return vaultCertificateConfigured(config) ? config.azureKeyVault().refreshPeriod() : null;
    }

    private static boolean vaultCertificateConfigured(KeyEncryptionConfig config) {
        return config.azureKeyVault().certificateName().filter(name -> !name.isBlank()).isPresent();
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
            LOG.warnf("%skey-encryption.* certificates or keys are configured but %skey-encryption.type is none, so "
                    + "keys are neither encrypted nor decrypted with them; set the type to certificate, azure-key-vault "
                    + "or azure-key-vault-key",
                    ConfigErrors.PREFIX, ConfigErrors.PREFIX);
        }
    }
}
