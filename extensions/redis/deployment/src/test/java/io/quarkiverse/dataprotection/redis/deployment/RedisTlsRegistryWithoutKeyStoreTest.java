package io.quarkiverse.dataprotection.redis.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A Redis that requires client certificates, reached through a TLS registry configuration with a trust store but no
 * key store: the server ends every handshake, and the log and readiness say so, naming the address and the
 * key-store property (Redisson alone fails the read with a bare TimeoutException).
 */
class RedisTlsRegistryWithoutKeyStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestRedis.around(new QuarkusUnitTest(), MutualTlsRedis::start,
            redis -> Map.of("quarkus.data-protection.redis.hosts", MutualTlsRedis.tlsUri(),
                    "quarkus.tls.redis-ca.trust-store.pem.certs", MutualTlsRedis.file("server.pem")))
            .withApplicationRoot(jar -> jar.addClasses(TestRedis.class, MutualTlsRedis.class))
            .overrideConfigKey("quarkus.data-protection.redis.tls-configuration-name", "redis-ca")
            .overrideConfigKey("quarkus.data-protection.redis.retry-attempts", "0")
            .overrideConfigKey("quarkus.data-protection.redis.command-timeout", "2S")
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith("TlsHandshakeWatch"))
            // Once, however often Redisson reconnects. Checked after the application stopped, in JUnit's class loader.
            .assertLogRecords(
                    records -> assertThat(records).filteredOn(r -> r.getLevel().intValue() == Level.WARNING.intValue())
                            .singleElement().satisfies(r -> assertThat(r.getMessage())
                                    .contains("TLS handshake with Redis " + MutualTlsRedis.tlsUri() + " failed")
                                    .contains("quarkus.tls.redis-ca.key-store.*")));

    @Test
    void noKeyStore_serverRequiringClientCertificates_readinessNamesTheAddressAndTheKeyStoreProperty() {
        String uri = MutualTlsRedis.configuredTlsUri();
        String error = "checks.find { it.name == 'data-protection' }.data.last-refresh-error";
        when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'data-protection' }.status", equalTo("DOWN"))
                .body(error, allOf(containsString("TLS handshake with Redis " + uri + " failed"),
                        containsString("certificate_required"), containsString("requires a client certificate"),
                        containsString("quarkus.tls.redis-ca.key-store.*"), not(containsString("BEGIN"))));
    }
}
