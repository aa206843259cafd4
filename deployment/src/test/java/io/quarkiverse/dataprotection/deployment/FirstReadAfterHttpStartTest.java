package io.quarkiverse.dataprotection.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.runtime.HttpServerStarted;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the first read in the background (the default), the key store is first read once the HTTP server listens,
 * not while the rest of the application starts.
 */
class FirstReadAfterHttpStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RecordingStore.class, UnversionedStore.class));

    @Inject
    DataProtectionProvider provider;

    @Inject
    @Protector("after-start")
    DataProtector protector;

    @Test
    void theFirstReadCameAfterTheHttpServerListened() throws Exception {
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(RecordingStore.HTTP_STARTED_AT_FIRST_READ.get()).as("HTTP server listening at the first read")
                .isTrue();
        byte[] payload = protector.protect("later".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(protector.unprotect(payload), StandardCharsets.UTF_8)).isEqualTo("later");
        when().get("/q/health/ready").then().statusCode(200);
    }

    /** A store that records, at its first read, whether the HTTP server had started. */
    @Singleton
    static class RecordingStore {

        static final AtomicReference<Boolean> HTTP_STARTED_AT_FIRST_READ = new AtomicReference<>();
        static final AtomicInteger READS = new AtomicInteger();

        @Produces
        @ApplicationScoped
        XmlRepository repository() {
            return new UnversionedStore(new InMemoryXmlRepository(), "recording-test-store", () -> {
                if (READS.getAndIncrement() == 0) {
                    HTTP_STARTED_AT_FIRST_READ.set(Arc.container().instance(HttpServerStarted.class).get()
                            .signal().toCompletableFuture().isDone());
                }
            });
        }
    }
}
