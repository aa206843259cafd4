package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The example service on the Redis store, against a real redis-server. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class ExampleServiceRedisTest {

    static final String DATA_PROTECTION_CHECK = "checks.find { it.name == 'data-protection' }";
    static final String LIST_KEY = "DataProtection-Keys";

    @Test
    void protectThenUnprotect_roundTripsOverHttp() {
        String payload = protect("orders", "order #42");
        assertThat(payload).doesNotContain("order");
        assertThat(unprotect("orders", payload)).isEqualTo("order #42");
    }

    @Test
    void unprotectUnderAnotherPurpose_isRejected() {
        String payload = protect("orders", "order #42");
        given().contentType(ContentType.TEXT).body(payload).post("/unprotect/invoices")
                .then().statusCode(400);
    }

    @Test
    void injectedExampleProtector_roundTripsAndMatchesTheExamplePurpose() {
        String payload = given().contentType(ContentType.TEXT).body("hello").post("/example/protect")
                .then().statusCode(200).extract().asString();
        given().contentType(ContentType.TEXT).body(payload).post("/example/unprotect")
                .then().statusCode(200).body(equalTo("hello"));
        assertThat(unprotect("example", payload)).isEqualTo("hello");
    }

    @Test
    void readiness_reportsTheRedisKeyRingWithoutKeyMaterial() {
        when().get("/q/health/ready").then().statusCode(200)
                .body(DATA_PROTECTION_CHECK + ".status", equalTo("UP"))
                .body(DATA_PROTECTION_CHECK + ".data.store", containsString("redis"))
                .body(DATA_PROTECTION_CHECK + ".data.keys", greaterThanOrEqualTo(1))
                .body(DATA_PROTECTION_CHECK + ".data.default-key", matchesPattern("[0-9a-f-]{36}"))
                .body(DATA_PROTECTION_CHECK + ".data.default-key-expires", matchesPattern("\\d{4}-.*Z"))
                .body(DATA_PROTECTION_CHECK + ".data.last-refresh", matchesPattern("\\d{4}-.*Z"))
                .body(DATA_PROTECTION_CHECK + ".data.unusable-keys", equalTo(0))
                .body(DATA_PROTECTION_CHECK + ".data.decrypted-keys", greaterThanOrEqualTo(1))
                .body(DATA_PROTECTION_CHECK + ".data.purposes", equalTo("example"))
                .body(not(containsString("masterKey")));
        var data = when().get("/q/health/ready").then().extract().jsonPath();
        // Keys are decrypted on first use, and every key is in exactly one state.
        assertThat(data.getInt(DATA_PROTECTION_CHECK + ".data.decrypted-keys")
                + data.getInt(DATA_PROTECTION_CHECK + ".data.encrypted-keys"))
                .isEqualTo(data.getInt(DATA_PROTECTION_CHECK + ".data.keys"));
        assertThat(RedisTestResource.command("LLEN", LIST_KEY)).isInstanceOf(Long.class);
    }

    @Test
    void newKeyFromKeyManager_isStoredListedAndTheDefaultAtOnce() {
        UUID before = Payloads.keyId(protect("orders", "before"));
        String id = given().post("/keys").then().statusCode(200).extract().path("id");

        given().get("/keys").then().statusCode(200).body("id", hasItem(id));
        assertThat(String.join("", redisList())).contains(id);
        // Current ASP.NET Core rule: the most recently activated key is the default, propagated or not.
        assertThat(Payloads.keyId(protect("orders", "after"))).isEqualTo(UUID.fromString(id)).isNotEqualTo(before);
    }

    @Test
    void aspNetKeyPushedWithRpush_isPickedUpAndUsed() {
        UUID id = UUID.randomUUID();
        long length = (Long) RedisTestResource.command("RPUSH", LIST_KEY,
                Payloads.newestAspNetKeyXml(id, Instant.now()));
        assertThat(length).isGreaterThanOrEqualTo(2);

        awaitDefaultKey(id, Duration.ofSeconds(10));
        String payload = protect("interop", "from an ASP.NET key");
        assertThat(Payloads.keyId(payload)).isEqualTo(id);
        assertThat(unprotect("interop", payload)).isEqualTo("from an ASP.NET key");
    }

    @Test
    void keyListEmptiedBehindTheServicesBack_isRestoredAsItWas_andReadinessStaysUp() {
        List<String> saved = redisList();
        String payload = protect("orders", "made before the loss");
        RedisTestResource.command("DEL", LIST_KEY);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!redisList().containsAll(saved) && Instant.now().isBefore(deadline)) {
            when().get("/q/health/ready").then().statusCode(200);
            TestUtil.sleep(100);
        }
        assertThat(redisList()).as("the elements the service had read, restored once").containsExactlyInAnyOrderElementsOf(
                saved);
        assertThat(unprotect("orders", payload)).isEqualTo("made before the loss");
        when().get("/q/health/ready").then().statusCode(200)
                .body(DATA_PROTECTION_CHECK + ".data.last-key-loss", notNullValue());
    }

    static void awaitReadiness(int status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int current;
        while ((current = when().get("/q/health/ready").statusCode()) != status) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Readiness is still " + current + ", not " + status + ", after " + timeout);
            }
            TestUtil.sleep(200);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> redisList() {
        return (List<String>) RedisTestResource.command("LRANGE", LIST_KEY, "0", "-1");
    }

    static String protect(String purpose, String text) {
        return given().contentType(ContentType.TEXT).body(text).post("/protect/" + purpose)
                .then().statusCode(200).extract().asString();
    }

    static String unprotect(String purpose, String payload) {
        return given().contentType(ContentType.TEXT).body(payload).post("/unprotect/" + purpose)
                .then().statusCode(200).extract().asString();
    }

    /** Waits until new payloads are protected under {@code id} (the ring refreshes every second in tests). */
    static void awaitDefaultKey(UUID id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        UUID current;
        while (!(current = Payloads.keyId(protect("probe", "x"))).equals(id)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The default key is still " + current + ", not " + id + ", after " + timeout);
            }
            TestUtil.sleep(200);
        }
    }
}
