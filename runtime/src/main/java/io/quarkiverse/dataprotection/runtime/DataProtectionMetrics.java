package io.quarkiverse.dataprotection.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkus.runtime.StartupEvent;

/**
 * Micrometer meters of the provider, registered by the deployment module only when the application has
 * {@code quarkus-micrometer}. Counters are fed as a {@link DataProtectionListener}; gauges read the provider's cached
 * status (never the store) when scraped. Nothing measured is secret.
 * <ul>
 * <li>{@code data_protection.protect}, {@code data_protection.unprotect}: successful operations;</li>
 * <li>{@code data_protection.failures{reason}}: failed operations by {@link Failure} (lower case);</li>
 * <li>{@code data_protection.key_ring.refreshes{result=success|failure}}: reads of the key store;</li>
 * <li>{@code data_protection.key_ring.restored_elements}: elements the store had lost that this instance appended
 * again;</li>
 * <li>{@code data_protection.keys}: keys in the ring;</li>
 * <li>{@code data_protection.default_key.expires_in.seconds}: until the default key expires (NaN without one).</li>
 * </ul>
 * Its only bean type is this class, so that an application injecting its own {@code DataProtectionListener} bean
 * does not find two. Thread-safe.
 */
@Singleton
@Typed(DataProtectionMetrics.class)
public class DataProtectionMetrics implements DataProtectionListener {

    private final Counter protects;
    private final Counter unprotects;
    private final Map<Failure, Counter> failures = new EnumMap<>(Failure.class);
    private final Counter refreshSuccesses;
    private final Counter refreshFailures;
    private final Counter restoredElements;

    DataProtectionMetrics(MeterRegistry registry) {
        protects = Counter.builder("data_protection.protect").description("Payloads protected").register(registry);
        unprotects = Counter.builder("data_protection.unprotect").description("Payloads unprotected")
                .register(registry);
        for (Failure reason : Failure.values()) {
            failures.put(reason, Counter.builder("data_protection.failures")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Failed protect and unprotect operations").register(registry));
        }
        refreshSuccesses = refreshes(registry, "success");
        refreshFailures = refreshes(registry, "failure");
        restoredElements = Counter.builder("data_protection.key_ring.restored_elements")
                .description("Key ring elements the store had lost, appended again by this instance").register(registry);
    }

    /** Gauges need the provider, which needs this listener: registered once everything is built. */
    void registerGauges(@Observes StartupEvent event, MeterRegistry registry, DataProtectionService service) {
        DataProtectionProvider provider = service.provider();
        Gauge.builder("data_protection.keys", provider, p -> p.status().keyCount())
                .description("Keys in the key ring").register(registry);
        Gauge.builder("data_protection.default_key.expires_in.seconds", provider,
                p -> p.status().defaultKeyExpiration()
                        .map(expiry -> (double) Duration.between(Instant.now(), expiry).toSeconds())
                        .orElse(Double.NaN))
                .description("Seconds until the default key expires").baseUnit("seconds").register(registry);
    }

    @Override
    public void onProtect() {
        protects.increment();
    }

    @Override
    public void onUnprotect() {
        unprotects.increment();
    }

    @Override
    public void onFailure(Failure reason) {
        failures.get(reason).increment();
    }

    @Override
    public void onKeyRingRefresh(boolean success) {
        (success ? refreshSuccesses : refreshFailures).increment();
    }

    @Override
    public void onKeysRestored(int elements) {
        restoredElements.increment(elements);
    }

    private static Counter refreshes(MeterRegistry registry, String result) {
        return Counter.builder("data_protection.key_ring.refreshes").tag("result", result)
                .description("Reads of the key store").register(registry);
    }
}
