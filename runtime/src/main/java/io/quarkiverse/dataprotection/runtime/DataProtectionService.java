package io.quarkiverse.dataprotection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.runtime.spi.CertificateSourceFactory;
import io.quarkiverse.dataprotection.runtime.spi.KeyEncryptionFactory;
import io.quarkiverse.dataprotection.runtime.spi.OpenedRepository;
import io.quarkiverse.dataprotection.runtime.spi.RepositoryFactory;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * Owns the application's {@link DataProtectionProvider}: builds it from configuration when the container starts it,
 * hands out protectors for purpose chains, and at shutdown closes the provider and releases the store's resources.
 * Does no cryptography itself.
 * <p>
 * Backends are open: an application bean of type {@link XmlRepository} replaces the configured key store; an
 * application {@link KeyEncryptor} bean replaces the configured key encryptor, and application {@link KeyDecryptor}
 * beans are added to the configured decryptors (so keys encrypted before stay readable).
 * <p>
 * Thread-safe.
 */
@Singleton
public class DataProtectionService {

    private static final Logger LOG = Logger.getLogger(DataProtectionService.class);

    private final DataProtectionBuildInfo buildInfo;
    private final DataProtectionProvider provider;
    private final OpenedRepository repository;
    private final Optional<ActiveKeyEncryption> keyEncryption;

    DataProtectionService(DataProtectionConfig config, DataProtectionBuildInfo buildInfo,
            @Any Instance<RepositoryFactory> repositoryFactories, Instance<XmlRepository> applicationRepository,
            @Any Instance<CertificateSourceFactory> certificateSources,
            @Any Instance<KeyEncryptionFactory> keyEncryptionFactories, Instance<KeyEncryptor> applicationEncryptor,
            @Any Instance<KeyDecryptor> applicationDecryptors, @Any Instance<DataProtectionListener> listeners,
            Instance<DataProtectionMetrics> metrics, Instance<HttpServerStarted> httpServerStarted) {
        this.buildInfo = buildInfo;
        String applicationName = applicationName(config);
        // Check every setting before opening the store, so a bad value never leaves a client behind.
        var builder = ProviderSettings.apply(config, applicationName, DataProtectionProvider.builder());
        if (httpServerStarted.isResolvable()) {
            // The first read (when in the background) waits for the HTTP server, the end of the start-up: on a
            // small machine it would otherwise slow the server's start and gain no readiness (benchmarks/README.md).
            builder.firstReadAfter(httpServerStarted.get().signal());
        }
        List<DataProtectionListener> all = new ArrayList<>(listeners.stream().toList());
        if (metrics.isResolvable()) {
            all.add(metrics.get());
        }
        builder.listener(Listeners.compose(all));
        this.keyEncryption = KeyEncryptionSetup.create(config.keyEncryption(), certificateSources,
                keyEncryptionFactories);
        keyEncryption.ifPresent(encryption -> {
            builder.keyEncryptor(encryption.encryptor());
            encryption.decryptors().forEach(builder::addKeyDecryptor);
        });
        if (applicationEncryptor.isResolvable()) {
            builder.keyEncryptor(applicationEncryptor.get());
        } else if (applicationEncryptor.isAmbiguous()) {
            throw ambiguous(KeyEncryptor.class, applicationEncryptor);
        }
        if (applicationRepository.isAmbiguous()) {
            throw ambiguous(XmlRepository.class, applicationRepository);
        }
        applicationDecryptors.forEach(builder::addKeyDecryptor);
        try {
            this.repository = applicationRepository.isResolvable()
                    ? OpenedRepository.unmanaged(applicationRepository.get())
                    : factory(repositoryFactories, buildInfo.keyStore()).open();
        } catch (RuntimeException e) {
            keyEncryption.ifPresent(ActiveKeyEncryption::close);
            throw e;
        }
        try {
            this.provider = builder.repository(repository.repository()).build();
        } catch (RuntimeException e) {
            keyEncryption.ifPresent(ActiveKeyEncryption::close);
            repository.release().run();
            throw e;
        }
        keyEncryption.ifPresent(encryption -> encryption.onRecovered(provider::refresh));
        logStart(applicationName);
    }

    private static IllegalStateException ambiguous(Class<?> type, Instance<?> beans) {
        return new IllegalStateException("The application has several beans of type " + type.getName() + " ("
                + beans.handlesStream().map(h -> h.getBean().getBeanClass().getName()).sorted().toList()
                + "); data protection uses one to replace the configured one: keep exactly one, or qualify the others");
    }

    private static RepositoryFactory factory(Instance<RepositoryFactory> factories, String kind) {
        return factories.stream().filter(f -> f.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No key store of kind " + kind + " is installed; the "
                        + "build should have refused quarkus.data-protection.key-store=" + kind));
    }

    /** The provider; it lives as long as the application. */
    public DataProtectionProvider provider() {
        return provider;
    }

    /**
     * The key store the provider reads, for operator tools (the Dev UI) that describe stored elements. Elements may
     * hold unencrypted master keys: never log or show their XML.
     */
    public XmlRepository keyStore() {
        return repository.repository();
    }

    /** The key encryption at rest, when {@code key-encryption.type} is not {@code none}. */
    Optional<ActiveKeyEncryption> keyEncryption() {
        return keyEncryption;
    }

    /** What the build found (store kind, purposes). */
    public DataProtectionBuildInfo buildInfo() {
        return buildInfo;
    }

    /**
     * The protector for {@code purposes}. Not cached: the producer runs once per injection point, and programmatic
     * lookups may name purposes without bound.
     *
     * @throws IllegalArgumentException when the chain is empty or a purpose is blank
     */
    public DataProtector protector(String... purposes) {
        List<String> chain = validChain(purposes);
        return provider.createProtector(chain.get(0), chain.subList(1, chain.size()).toArray(String[]::new));
    }

    @PreDestroy
    void close() {
        try {
            provider.close();
        } finally {
            keyEncryption.ifPresent(ActiveKeyEncryption::close);
            repository.release().run();
        }
    }

    static List<String> validChain(String... purposes) {
        return List.of(Protector.Purposes.requireValid(purposes));
    }

    private static String applicationName(DataProtectionConfig config) {
        Optional<String> name = config.applicationName()
                .or(() -> ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class));
        if (name.isEmpty()) {
            LOG.warn("Neither quarkus.data-protection.application-name nor quarkus.application.name is set; "
                    + "payloads are not isolated from other applications sharing this key ring");
        }
        return name.orElse(null);
    }

    private void logStart(String applicationName) {
        // The provider logs its store and default key; what only the build knows is logged here, once.
        if (!buildInfo.purposes().isEmpty()) {
            LOG.infof("Data protection purposes of %s: %s", applicationName == null ? "the application"
                    : applicationName, String.join(", ", buildInfo.purposes()));
        }
    }
}
