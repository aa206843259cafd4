package io.quarkiverse.dataprotection.cdi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.DataProtectionSettings;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * The key ring that {@code quarkus.data-protection.*} describes, opened without a CDI container and without
 * application beans (a tool hands in the datasource of {@code key-store=jdbc} itself), for tools that operate a service's key
 * ring from the service's own configuration (the
 * {@code data-protection-cli} command line). It reads the same mapping and applies the same rules, with the same
 * messages naming the property, as the CDI extension; and it also hands out the store itself, which a tool needs to
 * export and import elements as they are stored.
 * <p>
 * Opening checks every setting before it loads a certificate or opens a store, as the extension does. Not
 * thread-safe to open or close; the store and the provider are as thread-safe as theirs. Close it to close the
 * provider and release what it opened (a Redis client, a certificate refresh thread).
 */
public final class ConfiguredKeyRing implements AutoCloseable {

    private final XmlRepository store;
    private final DataProtectionProvider provider;
    private final DataProtectionSettings settings;
    private final Optional<String> keyEncryption;
    private final Deque<Runnable> releases;

    private ConfiguredKeyRing(XmlRepository store, DataProtectionProvider provider, DataProtectionSettings settings,
            Optional<String> keyEncryption, Deque<Runnable> releases) {
        this.store = store;
        this.provider = provider;
        this.settings = settings;
        this.keyEncryption = keyEncryption;
        this.releases = releases;
    }

    /**
     * Opens the store and the key encryption {@code config} describes and builds a provider on them.
     *
     * @param config the configuration holding {@code quarkus.data-protection.*} (profiles and expressions applied
     *        by it); it must be a SmallRye Config
     * @param adjust changes the builder after the configuration was applied (a tool turns off automatic key
     *        creation and the background refresh)
     * @throws IllegalArgumentException naming the property to fix
     * @throws IllegalStateException when a module the configuration needs is missing
     */
    public static ConfiguredKeyRing open(Config config, UnaryOperator<DataProtectionProviderBuilder> adjust) {
        return open(config, adjust, name -> Optional.empty());
    }

    /**
     * As {@link #open(Config, UnaryOperator)}, with the datasources {@code key-store=jdbc} may use: a tool has no
     * {@code DataSource} beans, so it connects as the service's configuration says and hands the result here.
     *
     * @param dataSources the datasource {@code jdbc.datasource} names, given that name, or {@code null} for the
     *        default datasource; empty when the tool has none of that name. Owned by the caller, never closed here.
     * @throws IllegalArgumentException naming the property to fix
     * @throws IllegalStateException when a module the configuration needs is missing
     */
    public static ConfiguredKeyRing open(Config config, UnaryOperator<DataProtectionProviderBuilder> adjust,
            Function<String, Optional<DataSource>> dataSources) {
        Deque<Runnable> releases = new ArrayDeque<>();
        ApplicationBeans beans = ApplicationBeans.withoutContainer(dataSources);
        try {
            DataProtectionConfig mapping = ConfigSupport.read(config);
            DataProtectionProviderBuilder builder = ProviderSettings.apply(mapping,
                    ConfigSupport.applicationName(mapping, config), DataProtectionProvider.builder());
            var storeOpener = KeyStores.prepare(mapping, beans);
            Optional<StartedKeyEncryption> encryption = KeyEncryptions.start(mapping.keyEncryption(), beans);
            encryption.ifPresent(started -> {
                releases.push(started::close);
                builder.keyEncryptor(started.encryptor());
                started.decryptors().forEach(builder::addKeyDecryptor);
            });
            KeyStores.OpenedStore store = storeOpener.get();
            releases.push(store.release());
            adjust.apply(builder.repository(store.store()));
            DataProtectionSettings settings = builder.settings();
            DataProtectionProvider provider = builder.build();
            releases.push(provider::close);
            return new ConfiguredKeyRing(store.store(), provider, settings,
                    encryption.map(started -> started.encryptor().description()), releases);
        } catch (RuntimeException | Error e) {
            releaseAll(releases);
            throw e;
        }
    }

    /** The store of {@code key-store}, as opened: elements read and written here bypass the provider's cache. */
    public XmlRepository store() {
        return store;
    }

    /** The provider on {@link #store()}, with the configured settings and key encryption. */
    public DataProtectionProvider provider() {
        return provider;
    }

    /** The settings the provider was built with (key policy, algorithms, application name...). */
    public DataProtectionSettings settings() {
        return settings;
    }

    /**
     * What encrypts new keys ({@code key-encryption.type} certificate or Azure Key Vault), described without
     * secrets; empty with {@code key-encryption.type=none}.
     */
    public Optional<String> keyEncryption() {
        return keyEncryption;
    }

    /** Closes the provider, then releases the store and the key encryption. */
    @Override
    public void close() {
        releaseAll(releases);
    }

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
