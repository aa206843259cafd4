package io.quarkiverse.dataprotection.it;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The example service on the Redis store with its keys encrypted to a Key Vault certificate, served by a local fake
 * Key Vault over HTTPS through the real Azure SDK on Quarkus's Vert.x.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeyVaultTestResource.class, restrictToAnnotatedClass = true)
class KeyVaultEncryptedRedisTest {

    @Test
    void protectThenUnprotect_roundTripsOverHttp() {
        String payload = ExampleServiceRedisTest.protect("orders", "order #42");
        assertThat(ExampleServiceRedisTest.unprotect("orders", payload)).isEqualTo("order #42");
    }

    @Test
    void keysInRedis_holdOnlyTheEncryptedSecret() {
        ExampleServiceRedisTest.protect("orders", "make sure a key exists");
        assertThat(ExampleServiceRedisTest.redisList()).isNotEmpty().allSatisfy(xml -> assertThat(xml)
                .contains("encryptedSecret")
                .contains("EncryptedData")
                .doesNotContain("<value>"));
    }

    @Test
    void readiness_namesTheKeyVaultCertificate() {
        when().get("/q/health/ready").then().statusCode(200)
                .body(ExampleServiceRedisTest.DATA_PROTECTION_CHECK + ".status", equalTo("UP"))
                .body(ExampleServiceRedisTest.DATA_PROTECTION_CHECK + ".data.certificate-thumbprint",
                        equalTo(System.getProperty(KeyVaultTestResource.THUMBPRINT_PROPERTY)));
    }
}
