package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The application starts while the key store's first read is still held: readiness is down with {@code starting}
 * (after its bounded wait), a protect issued meanwhile waits for the read and then works, and readiness is up once
 * the read is done.
 */
class StartBeforeFirstReadTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(HeldStore.class, UnversionedStore.class));

    @Singleton
    static class HeldStore {

        /** Released by the test; a start that waited for the read would give up after a minute and fail the test. */
        static final CountDownLatch HOLD = new CountDownLatch(1);
        static final InMemoryXmlRepository REPOSITORY = new InMemoryXmlRepository();

        @Produces
        @ApplicationScoped
        XmlRepository repository() {
            return new UnversionedStore(REPOSITORY, "held-test-store", () -> {
                try {
                    HOLD.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Inject
    DataProtectionProvider provider;

    @Inject
    @Protector("start")
    DataProtector protector;

    @Test
    void readHeld_appStarted_readinessStartingThenUp_protectWaitsForTheRead() throws Exception {
        assertThat(HeldStore.HOLD.getCount()).as("the start did not wait for the held read").isEqualTo(1);
        assertThat(provider.status().starting()).isTrue();
        assertThat(provider.status().isReady()).isFalse();

        // the probe waits its bounded time for the read, then answers "starting"
        when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'data-protection' }.data.starting", equalTo(true))
                .body("checks.find { it.name == 'data-protection' }.data.reason",
                        startsWith("starting: the first read of the key store (held-test-store) has not finished"));

        CompletableFuture<byte[]> protect = CompletableFuture
                .supplyAsync(() -> protector.protect("early".getBytes(StandardCharsets.UTF_8)));
        HeldStore.HOLD.countDown();
        byte[] payload = protect.get(60, TimeUnit.SECONDS);
        assertThat(new String(protector.unprotect(payload), StandardCharsets.UTF_8)).isEqualTo("early");

        when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("data-protection"))
                .body("checks.find { it.name == 'data-protection' }.data.starting", equalTo(null));
        assertThat(provider.status().starting()).isFalse();
    }
}
