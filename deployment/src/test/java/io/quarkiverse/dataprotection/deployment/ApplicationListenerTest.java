package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkus.test.QuarkusUnitTest;

/** An application bean implementing DataProtectionListener hears the provider's operations (e.g. for metrics). */
class ApplicationListenerTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Counting.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory");

    @Singleton
    static class Counting implements DataProtectionListener {

        final AtomicInteger protects = new AtomicInteger();
        final AtomicInteger unprotects = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void onProtect() {
            protects.incrementAndGet();
        }

        @Override
        public void onUnprotect() {
            unprotects.incrementAndGet();
        }

        @Override
        public void onFailure(Failure reason) {
            failures.incrementAndGet();
        }
    }

    @Inject
    @Protector("counted")
    DataProtector protector;

    @Inject
    Counting counting;

    @Test
    void listenerBean_hearsProtectsUnprotectsAndFailures() {
        protector.unprotect(protector.protect("one"));
        assertThatThrownBy(() -> protector.unprotect("CfDJ8-not-a-payload")).isInstanceOf(DataProtectionException.class);

        assertThat(counting.protects).hasValue(1);
        assertThat(counting.unprotects).hasValue(1);
        assertThat(counting.failures).hasValue(1);
    }
}
