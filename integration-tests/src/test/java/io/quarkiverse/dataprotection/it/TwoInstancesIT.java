package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.restassured.http.ContentType;

/**
 * Two JVMs of the packaged service (the Redis build in target/redis-app) sharing one key ring in a real
 * redis-server: what one protects the other unprotects, and a key one creates the other uses after a refresh.
 */
class TwoInstancesIT {

    static final Path JAR = Path.of("target", "redis-app", "quarkus-run.jar");

    static RedisServer redis;
    static ServiceProcess first;
    static ServiceProcess second;

    @BeforeAll
    static void start() {
        assertThat(JAR).as("built by the build-redis execution of quarkus-maven-plugin").exists();
        redis = RedisServers.standalone();
        List<String> settings = List.of("-Dquarkus.data-protection.redis.hosts=" + redis.uri(),
                "-Dquarkus.data-protection.refresh-period=1S");
        first = ServiceProcess.start(JAR, "instance-1", settings);
        second = ServiceProcess.start(JAR, "instance-2", settings);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] { second, first, redis }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void protectedOnOneInstance_unprotectsOnTheOther() {
        String payload = protect(first, "orders", "shared secret");
        assertThat(unprotect(second, "orders", payload)).isEqualTo("shared secret");
        String back = protect(second, "orders", "and back");
        assertThat(unprotect(first, "orders", back)).isEqualTo("and back");
    }

    @Test
    void keyCreatedThroughOneInstance_isUsedByTheOtherAfterRefresh() {
        UUID id = UUID.fromString(given().baseUri(second.baseUri()).post("/keys")
                .then().statusCode(200).extract().path("id"));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        String payload;
        while (!Payloads.keyId(payload = protect(first, "orders", "rotated")).equals(id)) {
            assertThat(Instant.now()).as("first instance still protects under an older key than %s", id)
                    .isBefore(deadline);
            TestUtil.sleep(200);
        }
        assertThat(unprotect(second, "orders", payload)).isEqualTo("rotated");
    }

    static String protect(ServiceProcess service, String purpose, String text) {
        return given().baseUri(service.baseUri()).contentType(ContentType.TEXT).body(text).post("/protect/" + purpose)
                .then().statusCode(200).extract().asString();
    }

    static String unprotect(ServiceProcess service, String purpose, String payload) {
        return given().baseUri(service.baseUri()).contentType(ContentType.TEXT).body(payload)
                .post("/unprotect/" + purpose).then().statusCode(200).extract().asString();
    }
}
