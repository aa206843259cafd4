package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Redis that requires client certificates ({@code tls-auth-clients yes}), reached through a Quarkus TLS registry
 * configuration holding both a PEM trust store and a PKCS#12 key store: the registry's key store is what the server
 * accepts, so the key ring is written and read over mutual TLS.
 */
class RedisTlsRegistryClientCertificateTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestRedis.around(new QuarkusUnitTest(), MutualTlsRedis::start,
            redis -> Map.of("quarkus.data-protection.redis.hosts", MutualTlsRedis.tlsUri(),
                    "quarkus.tls.redis-mtls.trust-store.pem.certs", MutualTlsRedis.file("server.pem"),
                    "quarkus.tls.redis-mtls.key-store.p12.path", MutualTlsRedis.file("client.p12"),
                    "quarkus.tls.redis-mtls.key-store.p12.password", MutualTlsRedis.CLIENT_P12_PASSWORD))
            .withApplicationRoot(jar -> jar.addClasses(TestRedis.class, MutualTlsRedis.class))
            .overrideConfigKey("quarkus.data-protection.redis.tls-configuration-name", "redis-mtls");

    @Inject
    DataProtectionProvider provider;

    @Test
    void registryPkcs12KeyStore_isPresentedToAServerRequiringClientCertificates_ringReadAndPayloadRoundTrips() {
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
