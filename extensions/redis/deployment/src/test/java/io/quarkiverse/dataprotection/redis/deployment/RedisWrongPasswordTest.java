package io.quarkiverse.dataprotection.redis.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkus.test.QuarkusUnitTest;

/** A wrong password is reported by readiness as an authentication failure, not as "Unable to connect". */
class RedisWrongPasswordTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestRedis.around(new QuarkusUnitTest(),
            () -> RedisServers.standalone("requirepass right-pass"),
            redis -> Map.of("quarkus.data-protection.redis.hosts", redis.uri()))
            .withApplicationRoot(jar -> jar.addClasses(TestRedis.class))
            .overrideConfigKey("quarkus.data-protection.redis.password", "wrong-pass")
            .overrideConfigKey("quarkus.data-protection.redis.retry-attempts", "0");

    @Inject
    DataProtectionProvider provider;

    @Test
    void wrongPassword_readinessSaysAuthenticationFailed_withoutThePassword() throws Exception {
        // the key ring is read in the background at start: look at readiness once that read is done
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        String error = "checks.find { it.name == 'data-protection' }.data.last-refresh-error";
        when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'data-protection' }.status", equalTo("DOWN"))
                .body(error, allOf(containsString("Redis authentication failed for " + TestRedis.uri() + " as user default"),
                        containsString("quarkus.data-protection.redis.password"),
                        not(containsString("wrong-pass")), not(containsString("right-pass"))));
    }
}
