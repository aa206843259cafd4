package io.quarkiverse.dataprotection.cdi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * Builds the provider from {@code quarkus.data-protection.*} and the application's beans: every setting is checked
 * before the key encryption loads its certificates or a store is opened, so that a bad value fails fast and never
 * leaves a client or a thread behind.
 * <p>
 * The application's beans plug in (default qualifier unless said otherwise):
 * <ul>
 * <li>an {@code XmlRepository} bean replaces the store of {@code key-store} and its settings;</li>
 * <li>a {@code KeyEncryptor} bean replaces the encryptor of {@code key-encryption.type}: it encrypts every new key;
 * the configured certificates or Key Vault key still decrypt the keys they encrypted;</li>
 * <li>{@code KeyDecryptor} beans (any qualifier) are added after the configured decryptor, ordered by bean class
 * name; for each stored key the first decryptor that supports its decryptor type decrypts it;</li>
 * <li>{@code DataProtectionListener} beans (any qualifier) hear every operation, as in Quarkus;</li>
 * <li>a {@code RedissonClient} bean serves {@code key-store=redis} when {@code redis.hosts} is not set, and a
 * {@code TokenCredential} bean authenticates to Azure Key Vault.</li>
 * </ul>
 * <p>
 * Stateless.
 */
final class ProviderAssembly {

    private static final Logger LOG = Logger.getLogger(ProviderAssembly.class);

    private ProviderAssembly() {
    }

    /**
     * @throws IllegalArgumentException naming the property to fix
     * @throws IllegalStateException when a module the configuration needs is missing
     */
    static DataProtectionProvider create(Config applicationConfig, ApplicationBeans beans) {
        Deque<Runnable> releases = new ArrayDeque<>();
        releases.push(beans::close);
        try {
            DataProtectionConfig config = ConfigSupport.read(applicationConfig);
            String applicationName = ConfigSupport.applicationName(config, applicationConfig);
            DataProtectionProviderBuilder builder = ProviderSettings.apply(config, applicationName,
                    DataProtectionProvider.builder());
            builder.listener(Listeners.compose(beans.all(DataProtectionListener.class)));
            Optional<KeyEncryptor> encryptor = beans.unique(KeyEncryptor.class, "the data protection key encryption");
            List<KeyDecryptor> decryptors = beans.all(KeyDecryptor.class);
            Supplier<KeyStores.OpenedStore> storeOpener = KeyStores.prepare(config, beans);
            Optional<StartedKeyEncryption> configured = KeyEncryptions.start(config.keyEncryption(), beans);
            configured.ifPresent(encryption -> releases.push(encryption::close));
            encryptor.or(() -> configured.map(StartedKeyEncryption::encryptor)).ifPresent(builder::keyEncryptor);
            if (encryptor.isPresent() && configured.isPresent()) {
                LOG.infof("The application's KeyEncryptor bean (%s) encrypts new keys; the configured %skey-encryption "
                        + "certificates or keys only decrypt", encryptor.get().description(), ConfigErrors.PREFIX);
            }
            configured.ifPresent(encryption -> encryption.decryptors().forEach(builder::addKeyDecryptor));
            decryptors.forEach(builder::addKeyDecryptor);
            KeyStores.OpenedStore store = storeOpener.get();
            releases.push(store.release());
            DataProtectionProvider provider = builder.repository(store.store()).build();
            // Keys encrypted to certificates that failed to load at start decrypt as soon as they load.
            configured.ifPresent(encryption -> encryption.onRecovered(provider::refresh));
            return new OwningDataProtectionProvider(provider, () -> releaseAll(releases));
        } catch (RuntimeException | Error e) {
            releaseAll(releases);
            throw e;
        }
    }

    /** Runs every release, newest first, even when one fails. */
    private static void releaseAll(Deque<Runnable> releases) {
        RuntimeException failure = null;
        while (!releases.isEmpty()) {
            try {
                releases.pop().run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
