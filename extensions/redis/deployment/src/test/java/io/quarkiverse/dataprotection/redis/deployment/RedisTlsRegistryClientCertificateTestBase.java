package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Redis that requires client certificates ({@code tls-auth-clients yes}), reached through a Quarkus TLS registry
 * configuration holding a PEM trust store and the client's key store, which each subclass configures in one of the
 * registry's formats: the registry's key store is what the server accepts, so the key ring is written and read over
 * mutual TLS. A subclass declares the {@link QuarkusUnitTest} from {@link #mutualTls}.
 */
abstract class RedisTlsRegistryClientCertificateTestBase {

    /** The TLS registry configuration the store is told to use. */
    static final String TLS_CONFIGURATION = "quarkus.tls.redis-mtls.";

    /**
     * The application over a {@link MutualTlsRedis}, its registry configuration with the trust store and the
     * {@code key-store.*} properties from {@code keyStore} (read once the certificates exist, after the server
     * started; relative to {@link #TLS_CONFIGURATION}).
     */
    static QuarkusUnitTest mutualTls(Supplier<Map<String, String>> keyStore) {
        return TestRedis.around(new QuarkusUnitTest(), MutualTlsRedis::start, redis -> {
            Map<String, String> configuration = new HashMap<>();
            configuration.put("quarkus.data-protection.redis.hosts", MutualTlsRedis.tlsUri());
            configuration.put(TLS_CONFIGURATION + "trust-store.pem.certs", MutualTlsRedis.file("server.pem"));
            keyStore.get().forEach((property, value) -> configuration.put(TLS_CONFIGURATION + property, value));
            return configuration;
        }).withApplicationRoot(jar -> jar.addClasses(TestRedis.class, MutualTlsRedis.class,
                RedisTlsRegistryClientCertificateTestBase.class))
                .overrideConfigKey("quarkus.data-protection.redis.tls-configuration-name", "redis-mtls");
    }

    @Inject
    DataProtectionProvider provider;

    @Test
    void registryKeyStore_isPresentedToAServerRequiringClientCertificates_ringReadAndPayloadRoundTrips() {
        KeyRingStatus status = provider.refresh();
        assertThat(status.lastRefreshError()).isEmpty();
        assertThat(status.isReady()).isTrue();
        assertThat(status.lastSuccessfulRefresh()).isPresent();
        // The one key of the ring is the one in Redis, written and read back through the TLS port.
        assertThat(TestRedis.keyRing()).hasSize(1);
        assertThat(String.valueOf(TestRedis.keyRing().get(0)))
                .contains("id=\"" + status.defaultKeyId().orElseThrow() + "\"");

        DataProtector protector = provider.createProtector("mutual-tls");
        assertThat(protector.unprotect(protector.protect("over mutual TLS"))).isEqualTo("over mutual TLS");
    }
}
