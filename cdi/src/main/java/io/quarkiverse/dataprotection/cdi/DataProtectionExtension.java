package io.quarkiverse.dataprotection.cdi;

import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;

/**
 * Portable CDI extension that makes data protection injectable in plain Jakarta CDI containers (Weld SE/EE) with
 * MicroProfile Config:
 *
 * <pre>
 * {
 *     &#64;code
 *     &#64;Inject
 *     &#64;Protector("auth-cookie")
 *     DataProtector protector;
 *     &#64;Inject
 *     DataProtectionProvider provider;
 *     @Inject
 *     KeyManager keyManager;
 * }
 * </pre>
 *
 * configured by the same {@code quarkus.data-protection.*} properties as the Quarkus extension, read through
 * SmallRye Config (see {@link DataProtectionConfig}), and by the application's own store and key encryption beans
 * (see {@link ProviderAssembly}).
 * <p>
 * It adds the {@link DataProtectionProducers} bean, fails deployment on a {@link Protector} injection point with a
 * missing or blank purpose (naming the member), and, when the application injects any of these beans, builds the
 * provider as the container starts, so that a configuration error fails the start.
 * <p>
 * Quarkus does not run portable extensions; there the Quarkus extension provides the same beans, and this class
 * and the {@link Vetoed} producers stay inert.
 */
public class DataProtectionExtension implements Extension {

    private static final Set<Type> OUR_TYPES = Set.of(DataProtector.class, DataProtectionProvider.class,
            KeyManager.class);

    private volatile boolean used;

    void addProducers(@Observes BeforeBeanDiscovery event) {
        // The producers are @Vetoed so no container discovers them on its own (Quarkus would otherwise see two
        // producers); here they are added on purpose, without the veto.
        event.addAnnotatedType(DataProtectionProducers.class, DataProtectionProducers.class.getName())
                .remove(annotation -> annotation.annotationType() == Vetoed.class);
    }

    void validatePurposes(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint injectionPoint = event.getInjectionPoint();
        if (ProtectorPurposes.find(injectionPoint).isPresent()) {
            used = true;
            ProtectorPurposes.problem(injectionPoint)
                    .ifPresent(problem -> event.addDefinitionError(new DefinitionException(problem)));
        } else if (OUR_TYPES.contains(injectionPoint.getType()) && !ownInjectionPoint(injectionPoint)) {
            used = true;
        }
    }

    private static boolean ownInjectionPoint(InjectionPoint injectionPoint) {
        return injectionPoint.getMember() != null
                && injectionPoint.getMember().getDeclaringClass() == DataProtectionProducers.class;
    }

    /**
     * Whether the application injects one of our beans: only then is the provider built at start. An application
     * that merely has this jar on its class path needs no configuration.
     */
    boolean isUsed() {
        return used;
    }
}
