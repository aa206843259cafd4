package io.quarkiverse.dataprotection.cdi;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Opens the key store: the application's {@link XmlRepository} bean when it has one, else the store of
 * {@code key-store} (file, Redis, database or memory), with what must be released when the provider closes.
 * <p>
 * Stateless.
 */
final class KeyStores {

    private static final Logger LOG = Logger.getLogger(KeyStores.class);

    /**
     * A store and what to release with it (a Redis client this extension created); nothing the application owns.
     *
     * @param store the store
     * @param release run once when the provider has closed
     */
    record OpenedStore(XmlRepository store, Runnable release) {

        static OpenedStore unmanaged(XmlRepository store) {
            return new OpenedStore(store, () -> {
            });
        }
    }

    private KeyStores() {
    }

    /**
     * Checks the store's settings and returns what opens it, so that every setting is checked before anything is
     * opened.
     */
    static Supplier<OpenedStore> prepare(DataProtectionConfig config, ApplicationBeans beans) {
        var application = beans.unique(XmlRepository.class, "the data protection key store");
        if (application.isPresent()) {
            LOG.infof("Data protection stores its key ring in the application's XmlRepository bean (%s); %skey-store "
                    + "and its settings are not used", application.get().description(), ConfigErrors.PREFIX);
            return () -> OpenedStore.unmanaged(application.get());
        }
        if (config.keyStore() != KeyStoreKind.REDIS && config.redis().hosts().isPresent()) {
            LOG.warnf("%sredis.hosts is set but the key store is %s, so it is ignored; set %skey-store=redis to use "
                    + "it", ConfigErrors.PREFIX, config.keyStore().name().toLowerCase(Locale.ROOT),
                    ConfigErrors.PREFIX);
        }
        return switch (config.keyStore()) {
            case FILE -> {
                Path directory = directory(config.file());
                yield () -> OpenedStore.unmanaged(new FileSystemXmlRepository(directory));
            }
            case MEMORY -> () -> OpenedStore.unmanaged(new InMemoryXmlRepository());
            case REDIS -> {
                OptionalModule.REDIS.require();
                yield RedisStores.prepare(config.redis(), beans);
            }
            case JDBC -> {
                OptionalModule.JDBC.require();
                yield JdbcStores.prepare(config.jdbc(), beans);
            }
        };
    }

    private static Path directory(DataProtectionConfig.File file) {
        String value = file.directory().orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "share",
                "quarkus-data-protection", "keys").toString());
        if (value.isBlank()) {
            throw ConfigErrors.invalid("file.directory", "''", "set it to the directory holding the key files");
        }
        try {
            return Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw ConfigErrors.invalid("file.directory", value, "not a valid path (" + e.getReason() + ")");
        }
    }
}
