package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkus.test.QuarkusUnitTest;

class HealthCheckEnabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Unused.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory");

    /** Never injected anywhere: its purposes are still discovered. */
    @Singleton
    static class Unused {

        @Inject
        @Protector({ "orders", "v2" })
        DataProtector orders;
    }

    @Test
    void readiness_reportsUpWithCachedKeyRingData() {
        when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("data-protection"))
                .body("checks.find { it.name == 'data-protection' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'data-protection' }.data.store", containsString("memory"))
                .body("checks.find { it.name == 'data-protection' }.data.keys", equalTo(1))
                .body("checks.find { it.name == 'data-protection' }.data.default-key", notNullValue())
                .body("checks.find { it.name == 'data-protection' }.data.default-key-expires", notNullValue())
                .body("checks.find { it.name == 'data-protection' }.data.purposes", equalTo("orders > v2"))
                .body("checks.find { it.name == 'data-protection' }.data.fault", nullValue());
    }
}
