package io.quarkiverse.dataprotection.internal.protector;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionSettings;
import io.quarkiverse.dataprotection.internal.keyring.KeyRingProvider;
import io.quarkiverse.dataprotection.internal.keyring.KeyRingSettings;
import io.quarkiverse.dataprotection.internal.keyring.XmlKeyManager;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.DataProtectionProviderFactory;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * Assembles the key manager, the key ring cache and the provider from {@link DataProtectionSettings}; registered in
 * {@code META-INF/services}. Logs the start once, with the store, the key encryption and the default key.
 * <p>
 * Stateless; safe for concurrent use.
 */
public final class KeyRingProviderFactory implements DataProtectionProviderFactory {

    private static final Logger LOG = Logger.getLogger(DataProtectionProvider.class);

    @Override
    public DataProtectionProvider create(DataProtectionSettings s) {
        RandomSource random = s.randomSource() != null ? s.randomSource() : RandomSource.secure();
        XmlKeyManager keyManager = new XmlKeyManager(s.repository(), s.keyEncryptor(), s.keyDecryptors(), s.algorithms(),
                s.clock(), random);
        if (s.keyEncryptor() == null && s.repository().isPersistent()) {
            LOG.warnf("Master keys are stored UNENCRYPTED in %s: anyone who can read it can forge and read every "
                    + "protected payload. Configure a key encryptor (DataProtectionProviderBuilder.keyEncryptor, "
                    + "the key-encryption settings of the Quarkus and CDI extensions) to encrypt them at rest",
                    s.repository().description());
        }
        KeyRingProvider keyRing = new KeyRingProvider(keyManager, new KeyRingSettings(s.keyPolicy(), s.clock(),
                s.refreshPeriod(), s.unknownKeyRefreshInterval(), s.unknownKeyWait(), s.autoGenerateKeys(),
                s.restoreLostKeys(), s.changePollPeriod(), s.keyRetention(), s.listener()));
        String defaultKeyText;
        if (s.firstReadInBackground()) {
            keyRing.readInBackground(s.firstReadSignal());
            defaultKeyText = s.firstReadSignal() == null ? "read in the background (not ready until then)"
                    : "read in the background once start-up is over (not ready until then)";
        } else {
            Key defaultKey = keyRing.current().defaultKey();
            defaultKeyText = defaultKey == null ? "none (not ready)"
                    : defaultKey.id() + " expiring " + defaultKey.expirationDate();
        }
        LOG.infof("Data protection started: store %s, key encryption %s, application %s, default key %s",
                s.repository().description(), s.keyEncryptor() == null ? "none" : s.keyEncryptor().description(),
                s.applicationName() == null ? "(none)" : s.applicationName(), defaultKeyText);
        return new KeyRingDataProtectionProvider(s.applicationName(), keyRing, s.clock(), s.listener());
    }
}
