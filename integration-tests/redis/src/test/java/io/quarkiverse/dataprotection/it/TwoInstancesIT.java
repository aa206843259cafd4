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
 * Two JVMs of the packaged Redis service (target/quarkus-app) sharing one key ring in a real
 * redis-server: what one protects the other unprotects, a key one creates the other sees after a refresh, and a key an
 * ASP.NET Core instance adds to the list becomes the default key of both.
 */
class TwoInstancesIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

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
    void keyCreatedThroughOneInstance_isInTheOthersRingAfterRefresh() {
        String id = given().baseUri(second.baseUri()).post("/keys").then().statusCode(200).extract().path("id");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!given().baseUri(first.baseUri()).get("/keys").then().statusCode(200).extract()
                .<List<String>> path("id").contains(id)) {
            assertThat(Instant.now()).as("first instance has not seen key %s", id).isBefore(deadline);
            TestUtil.sleep(200);
        }
    }

    @Test
    void defaultKeyRevokedThroughOneInstance_bothSwitchKeysAndRefuseItsPayloads() {
        String old = protect(first, "orders", "before revocation");
        UUID revoked = Payloads.keyId(old);
        given().baseUri(first.baseUri()).post("/keys/" + revoked + "/revoke").then().statusCode(204);

        UUID replacement = Payloads.keyId(protect(first, "orders", "after"));
        assertThat(replacement).isNotEqualTo(revoked);
        Instant start = Instant.now();
        awaitProtectedUnder(second, replacement);
        assertThat(Duration.between(start, Instant.now())).as("propagation to the other instance")
                .isLessThan(Duration.ofSeconds(5));
        given().baseUri(second.baseUri()).contentType(ContentType.TEXT).body(old).post("/unprotect/orders")
                .then().statusCode(400);
    }

    @Test
    void aspNetKeyPushedToRedis_becomesTheDefaultOfBothInstances() {
        UUID id = UUID.randomUUID();
        redis.rpush("DataProtection-Keys", Payloads.newestAspNetKeyXml(id, Instant.now()));

        String fromFirst = awaitProtectedUnder(first, id);
        String fromSecond = awaitProtectedUnder(second, id);
        assertThat(unprotect(second, "orders", fromFirst)).isEqualTo("rotated");
        assertThat(unprotect(first, "orders", fromSecond)).isEqualTo("rotated");
    }

    /** Protects until the payload is under {@code id}, which the instance adopts at its next refresh (1 s here). */
    static String awaitProtectedUnder(ServiceProcess service, UUID id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        String payload;
        while (!Payloads.keyId(payload = protect(service, "orders", "rotated")).equals(id)) {
            assertThat(Instant.now()).as("%s still protects under an older key than %s", service.baseUri(), id)
                    .isBefore(deadline);
            TestUtil.sleep(200);
        }
        return payload;
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
