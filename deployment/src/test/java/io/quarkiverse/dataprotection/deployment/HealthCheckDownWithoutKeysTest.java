package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkus.test.QuarkusUnitTest;

/** No keys and no auto-generation: the application starts, and readiness says why it is not ready. */
class HealthCheckDownWithoutKeysTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.application.name", "keyless-app")
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .overrideConfigKey("quarkus.data-protection.auto-generate-keys", "false");

    @Inject
    DataProtectionProvider provider;

    @Test
    void noUsableKey_readinessIsDownWithAReason() {
        when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'data-protection' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'data-protection' }.data.keys", equalTo(0))
                .body("checks.find { it.name == 'data-protection' }.data.reason",
                        containsString("quarkus.data-protection.auto-generate-keys"));
    }

    @Test
    void applicationName_defaultsToQuarkusApplicationName() {
        assertThat(provider.applicationName()).isEqualTo("keyless-app");
    }
}
