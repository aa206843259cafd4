package io.quarkiverse.dataprotection.runtime;

import java.util.Arrays;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the provider, its key manager and {@code @Protector} protectors injectable. One producer serves every
 * {@code @Protector} injection point: the purposes are {@code @Nonbinding} and read from the injection point.
 */
@Singleton
public class DataProtectionProducers {

    /** Builds the provider at start, so configuration errors fail the start and the start is logged once. */
    void onStart(@Observes StartupEvent event, DataProtectionService service) {
        service.provider();
    }

    @Produces
    @Singleton
    DataProtectionProvider provider(DataProtectionService service) {
        return service.provider();
    }

    @Produces
    @Singleton
    KeyManager keyManager(DataProtectionService service) {
        return service.provider().keyManager();
    }

    // The value of the qualifier on a producer is irrelevant (@Nonbinding); the build step skips producer methods.
    @Produces
    @Dependent
    @Protector("producer")
    DataProtector protector(InjectionPoint injectionPoint, DataProtectionService service) {
        Protector protector = injectionPoint.getQualifiers().stream()
                .filter(Protector.class::isInstance)
                .map(Protector.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No @Protector qualifier on " + injectionPoint));
        try {
            return service.protector(protector.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (injection point " + describe(injectionPoint)
                    + ", purposes " + Arrays.toString(protector.value()) + ")", e);
        }
    }

    private static String describe(InjectionPoint injectionPoint) {
        return injectionPoint.getMember() == null ? "programmatic lookup"
                : injectionPoint.getMember().getDeclaringClass().getName() + "#" + injectionPoint.getMember().getName();
    }
}
