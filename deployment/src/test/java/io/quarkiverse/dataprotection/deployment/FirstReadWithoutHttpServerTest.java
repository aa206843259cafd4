package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the HTTP server disabled no start signal ever comes: the first read still starts by itself (after the
 * signal's bound), with no caller asking for the ring and on a store without a version to poll.
 */
class FirstReadWithoutHttpServerTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReadCountingStore.class, UnversionedStore.class))
            .overrideConfigKey("quarkus.http.host-enabled", "false");

    @Inject
    DataProtectionProvider provider;

    @Test
    void theFirstReadStartsWithoutASignal() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (provider.status().starting() && System.nanoTime() < deadline) {
            Thread.sleep(50); // status() never starts the read itself
        }
        assertThat(ReadCountingStore.READS.get()).isPositive();
        assertThat(provider.status().starting()).isFalse();
        assertThat(provider.status().isReady()).isTrue();
    }

    /** A store without a version, so no poll reads it either. */
    @Singleton
    static class ReadCountingStore {
        static final AtomicInteger READS = new AtomicInteger();

        @Produces
        @ApplicationScoped
        XmlRepository repository() {
            return new UnversionedStore(new InMemoryXmlRepository(), "unversioned-test-store", READS::incrementAndGet);
        }
    }
}
