package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class HealthCheckDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.health.enabled", "false");

    @Test
    void healthDisabled_publishesNoDataProtectionCheck() {
        when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", not(hasItem("data-protection")));
    }
}
