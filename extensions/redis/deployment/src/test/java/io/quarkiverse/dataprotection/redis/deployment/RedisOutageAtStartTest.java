package io.quarkiverse.dataprotection.redis.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkus.test.QuarkusUnitTest;

/** Redis is down when the application starts: it starts anyway and reports not ready, saying why. */
class RedisOutageAtStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "redis")
            .overrideConfigKey("quarkus.data-protection.redis.hosts", "redis://127.0.0.1:" + closedPort())
            .overrideConfigKey("quarkus.data-protection.redis.connect-timeout", "1S");

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    DataProtectionProvider provider;

    @Test
    void redisDownAtStart_applicationStartsAndReadinessIsDown() throws Exception {
        // the key ring is read in the background at start: look at readiness once that read is done
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'data-protection' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'data-protection' }.data.last-refresh-error", notNullValue());
    }
}
