package io.quarkiverse.dataprotection.redis.deployment;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * As {@link RedisTlsRegistryWithoutKeyStoreTest}, with the trust store from {@code redis.tls.trust-store.path}
 * instead of the TLS registry: the fix named is the extension's own key-store property.
 */
class RedisTlsFilesWithoutKeyStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestRedis.around(new QuarkusUnitTest(), MutualTlsRedis::start,
            redis -> Map.of("quarkus.data-protection.redis.hosts", MutualTlsRedis.tlsUri(),
                    "quarkus.data-protection.redis.tls.trust-store.path", MutualTlsRedis.file("server.pem")))
            .withApplicationRoot(jar -> jar.addClasses(TestRedis.class, MutualTlsRedis.class))
            .overrideConfigKey("quarkus.data-protection.redis.retry-attempts", "0")
            .overrideConfigKey("quarkus.data-protection.redis.command-timeout", "2S");

    @Test
    void noKeyStoreFile_serverRequiringClientCertificates_readinessNamesTheKeyStorePathProperty() {
        String error = "checks.find { it.name == 'data-protection' }.data.last-refresh-error";
        when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'data-protection' }.status", equalTo("DOWN"))
                .body(error, allOf(
                        containsString("TLS handshake with Redis " + MutualTlsRedis.configuredTlsUri() + " failed"),
                        containsString("set quarkus.data-protection.redis.tls.key-store.path to the client "
                                + "certificate")));
    }
}
