package io.quarkiverse.dataprotection.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.redisson.api.RedissonClient;

import com.azure.core.credential.TokenCredential;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.internal.protector.KeyRingDataProtectionProvider;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Vertx;

/**
 * Owns the application's {@link DataProtectionProvider}: builds it from configuration when the container starts it,
 * hands out protectors for purpose chains, and at shutdown closes the provider and releases the store's
 * resources. Does no cryptography itself.
 * <p>
 * Thread-safe.
 */
@Singleton
public class DataProtectionService {

    private static final Logger LOG = Logger.getLogger(DataProtectionService.class);

    private final DataProtectionBuildInfo buildInfo;
    private final DataProtectionProvider provider;
    private final ConfiguredKeyStore keyStore;
    private final Optional<ConfiguredKeyEncryption> keyEncryption;

    DataProtectionService(DataProtectionConfig config, DataProtectionBuildInfo buildInfo,
            @Any Instance<RedissonClient> applicationRedisClients, @Any Instance<DataProtectionListener> listeners,
            Instance<DataProtectionMetrics> metrics, Instance<Vertx> vertx,
            Instance<TokenCredential> applicationCredentials) {
        this.buildInfo = buildInfo;
        String applicationName = applicationName(config);
        // Check every setting before opening the store, so a bad value never leaves a client behind.
        var builder = ProviderSettings.apply(config, applicationName, DataProtectionProvider.builder());
        // Application beans and the metrics bean (when Micrometer is present) hear every operation.
        List<DataProtectionListener> all = new ArrayList<>(listeners.stream().toList());
        if (metrics.isResolvable()) {
            all.add(metrics.get());
        }
        builder.listener(Listeners.compose(all));
        this.keyEncryption = KeyEncryptionFactory.create(config.keyEncryption(), vertx, applicationCredentials);
        keyEncryption.ifPresent(encryption -> builder.keyEncryptor(encryption.encryptor())
                .addKeyDecryptor(encryption.decryptor()));
        try {
            this.keyStore = KeyStoreFactory.open(buildInfo.keyStore(), config, applicationRedisClients);
        } catch (RuntimeException e) {
            keyEncryption.ifPresent(ConfiguredKeyEncryption::close);
            throw e;
        }
        try {
            this.provider = builder.repository(keyStore.store()).build();
        } catch (RuntimeException e) {
            keyEncryption.ifPresent(ConfiguredKeyEncryption::close);
            keyStore.release().run();
            throw e;
        }
        if (provider instanceof KeyRingDataProtectionProvider keyRingProvider) {
            keyEncryption.ifPresent(encryption -> encryption.onRecovered(() -> keyRingProvider.keyRing().refresh()));
        }
        warnAboutIgnoredSettings(config, buildInfo.keyStore());
        logStart(applicationName);
    }

    /** The provider; it lives as long as the application. */
    public DataProtectionProvider provider() {
        return provider;
    }

    /** The key encryption at rest, when {@code key-encryption.type} is not {@code none}. */
    Optional<ConfiguredKeyEncryption> keyEncryption() {
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
            keyEncryption.ifPresent(ConfiguredKeyEncryption::close);
            keyStore.release().run();
        }
    }

    static List<String> validChain(String... purposes) {
        if (purposes == null || purposes.length == 0) {
            throw new IllegalArgumentException("@Protector needs at least one purpose, e.g. @Protector(\"auth-cookie\")");
        }
        for (String purpose : purposes) {
            if (purpose == null || purpose.isBlank()) {
                throw new IllegalArgumentException("@Protector" + Arrays.toString(purposes)
                        + " has a blank purpose; every purpose must be a non-blank string");
            }
        }
        return List.of(purposes);
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

    private static void warnAboutIgnoredSettings(DataProtectionConfig config, KeyStoreKind keyStore) {
        if (keyStore != KeyStoreKind.REDIS && config.redis().hosts().isPresent()) {
            LOG.warnf("quarkus.data-protection.redis.hosts is set but the key store is %s, so it is ignored; the key "
                    + "store is chosen at build time with quarkus.data-protection.key-store=redis",
                    keyStore.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (keyStore == KeyStoreKind.MEMORY && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("quarkus.data-protection.key-store=memory: keys live in this process only, so everything "
                    + "protected becomes unreadable when it stops or another instance serves the request; use file "
                    + "or redis outside tests");
        }
    }

    private void logStart(String applicationName) {
        // The provider logs its store and default key; what only the build knows is logged here, once.
        if (!buildInfo.purposes().isEmpty()) {
            LOG.infof("Data protection purposes of %s: %s", applicationName == null ? "the application"
                    : applicationName, String.join(", ", buildInfo.purposes()));
        }
    }
}
