package io.quarkiverse.dataprotection.redis.runtime;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;

import io.quarkiverse.dataprotection.redis.RedisTls;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;

/**
 * Resolves {@code quarkus.data-protection.redis.tls-configuration-name} through the Quarkus TLS registry
 * ({@code quarkus.tls.<name>.*}): its trust store, its key store and its host name verification. Stateless.
 */
final class RedisTlsRegistry {

    private RedisTlsRegistry() {
    }

    /**
     * The TLS setup of the named configuration, or empty when none is named.
     *
     * @throws io.quarkus.runtime.configuration.ConfigurationException when the name is unknown, conflicts with the
     *         {@code redis.tls.*} files, or names a trust-all configuration
     */
    static Optional<RedisTls> resolve(DataProtectionRedisConfig redis, Instance<TlsConfigurationRegistry> registry,
            Instance<Vertx> vertx) {
        if (redis.tlsConfigurationName().isEmpty()) {
            return Optional.empty();
        }
        String name = redis.tlsConfigurationName().get();
        if (redis.tls().trustStore().path().isPresent() || redis.tls().keyStore().path().isPresent()) {
            throw ConfigErrors.invalid("redis.tls-configuration-name", name, "it cannot be combined with "
                    + "quarkus.data-protection.redis.tls.trust-store or key-store; configure the stores in "
                    + "quarkus.tls." + name + ".* or here, not both");
        }
        TlsConfiguration tls = (registry.isResolvable() ? registry.get().get(name) : Optional.<TlsConfiguration> empty())
                .orElseThrow(() -> ConfigErrors.invalid("redis.tls-configuration-name", name, "there is no TLS "
                        + "configuration of that name; define quarkus.tls." + name + ".trust-store.* (and key-store.* "
                        + "for a client certificate), or correct the name"));
        if (tls.isTrustAll()) {
            throw ConfigErrors.invalid("redis.tls-configuration-name", name, "quarkus.tls." + name + ".trust-all is "
                    + "true, which would accept any server as the key ring's Redis; give it a trust store instead");
        }
        boolean verifyHostname = !"NONE".equalsIgnoreCase(tls.getHostnameVerificationAlgorithm().orElse("HTTPS"));
        RedisTls result = RedisTls.of(tls.getTrustStore(), null, null, verifyHostname, "TLS configuration " + name);
        if (tls.getKeyStoreOptions() != null) {
            try {
                result = result.withKeyManagers(tls.getKeyStoreOptions()
                        .getKeyManagerFactory(vertx.isResolvable() ? vertx.get() : null));
            } catch (Exception e) {
                throw ConfigErrors.invalid("redis.tls-configuration-name", name, "the key store of quarkus.tls." + name
                        + " cannot be used for a client certificate (" + e.getMessage() + ")");
            }
        }
        return Optional.of(result);
    }
}
