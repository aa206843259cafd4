package io.quarkiverse.dataprotection.cdi;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;

/**
 * The beans of the portable extension: one application-scoped {@link DataProtectionProvider} built from
 * {@code quarkus.data-protection.*} and the application's beans (see {@link ProviderAssembly}) and closed at shutdown,
 * its {@link KeyManager}, and a {@link DataProtector} for every {@code @Protector(...)} injection point.
 * <p>
 * When the application injects any of them, the provider is built as the container starts, as in Quarkus, so that an
 * invalid configuration or a missing certificate file fails the start rather than the first request.
 * <p>
 * {@link Vetoed}: only {@link DataProtectionExtension} adds this bean, so a container that indexes this jar
 * (Quarkus) never picks it up by itself.
 */
@Vetoed
final class DataProtectionProducers {

    void start(@Observes @Initialized(ApplicationScoped.class) Object event, DataProtectionExtension extension,
            Instance<DataProtectionProvider> provider) {
        if (extension.isUsed()) {
            provider.get().status();
        }
    }

    @Produces
    @ApplicationScoped
    DataProtectionProvider provider(BeanManager beanManager) {
        return ProviderAssembly.create(ConfigSupport.applicationConfig(),
                new ApplicationBeans(beanManager.createInstance()));
    }

    void close(@Disposes DataProtectionProvider provider) {
        provider.close();
    }

    @Produces
    @Dependent
    KeyManager keyManager(DataProtectionProvider provider) {
        return provider.keyManager();
    }

    /** One producer for every purpose chain: the qualifier's value is non-binding and read from the injection point. */
    @Produces
    @Dependent
    @Protector("")
    DataProtector protector(InjectionPoint injectionPoint, DataProtectionProvider provider) {
        String[] purposes = ProtectorPurposes.of(injectionPoint);
        return provider.createProtector(purposes[0], Arrays.copyOfRange(purposes, 1, purposes.length));
    }
}
