package io.quarkiverse.dataprotection.redis.deployment;

import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Mutual TLS through the TLS registry with the client certificate and key as PEM files (how a Kubernetes TLS secret
 * mounts them) in {@code quarkus.tls.<name>.key-store.pem.*}.
 */
class RedisTlsRegistryPemClientCertificateTest extends RedisTlsRegistryClientCertificateTestBase {

    @RegisterExtension
    static final QuarkusUnitTest TEST = mutualTls(() -> Map.of(
            "key-store.pem.client.cert", MutualTlsRedis.file("client.pem"),
            "key-store.pem.client.key", MutualTlsRedis.file("client-key.pem")));
}
