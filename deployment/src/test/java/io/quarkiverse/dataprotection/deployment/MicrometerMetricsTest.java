package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkus.test.QuarkusUnitTest;

/** With quarkus-micrometer (and a registry) on the class path, operations are counted and the key ring measured. */
class MicrometerMetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ApplicationListenerTest.Counting.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory");

    @Inject
    @Protector("metered")
    DataProtector protector;

    @Inject
    MeterRegistry registry;

    @Inject
    ApplicationListenerTest.Counting applicationListener;

    /** The metrics bean is not a second DataProtectionListener bean: this injection stays unambiguous. */
    @Inject
    DataProtectionListener byInterface;

    @Test
    void protectUnprotectAndFailure_areCountedNextToTheApplicationListener() {
        protector.unprotect(protector.protect("one"));
        protector.protect("two");
        assertThatThrownBy(() -> protector.unprotect("CfDJ8-not-a-payload")).isInstanceOf(DataProtectionException.class);

        assertThat(registry.get("data_protection.protect").counter().count()).isEqualTo(2);
        assertThat(registry.get("data_protection.unprotect").counter().count()).isEqualTo(1);
        assertThat(registry.get("data_protection.failures").tag("reason", "invalid_payload").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("data_protection.key_ring.refreshes").tag("result", "success").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("data_protection.keys").gauge().value()).isEqualTo(1);
        assertThat(registry.get("data_protection.default_key.expires_in.seconds").gauge().value())
                .isGreaterThan(80 * 24 * 3600);
        // The application's own listener still hears everything.
        assertThat(applicationListener.protects).hasValue(2);
        assertThat(applicationListener.failures).hasValue(1);
        assertThat(byInterface).isSameAs(applicationListener);
    }
}
