package io.quarkiverse.dataprotection.redis.deployment;

import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Mutual TLS through the TLS registry with the client certificate and key in a password-protected PKCS#12 store. */
class RedisTlsRegistryClientCertificateTest extends RedisTlsRegistryClientCertificateTestBase {

    @RegisterExtension
    static final QuarkusUnitTest TEST = mutualTls(() -> Map.of(
            "key-store.p12.path", MutualTlsRedis.file("client.p12"),
            "key-store.p12.password", MutualTlsRedis.CLIENT_P12_PASSWORD));
}
