package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.runtime.HttpServerStarted;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application bean that protects while the application starts (before the HTTP server listens, so before the
 * first read would start by itself) does not wait for the end of the start-up: its call reads the store itself.
 */
class ProtectAtStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StartupProtect.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory");

    @Singleton
    static class StartupProtect {
        static volatile String roundTrip;
        static volatile Boolean httpStarted;

        void onStart(@Observes StartupEvent event, @Protector("boot") DataProtector protector) {
            httpStarted = Arc.container().instance(HttpServerStarted.class).get().signal().toCompletableFuture()
                    .isDone();
            byte[] payload = protector.protect("boot".getBytes(StandardCharsets.UTF_8));
            roundTrip = new String(protector.unprotect(payload), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aProtectDuringStartUp_works() {
        assertThat(StartupProtect.httpStarted).as("the HTTP server was not listening yet").isFalse();
        assertThat(StartupProtect.roundTrip).isEqualTo("boot");
        when().get("/q/health/ready").then().statusCode(200);
    }
}
