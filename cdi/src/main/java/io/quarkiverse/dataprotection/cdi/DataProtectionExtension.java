package io.quarkiverse.dataprotection.cdi;

import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import org.eclipse.microprofile.config.ConfigProvider;

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
 * configured by the same {@code quarkus.data-protection.*} properties as the Quarkus extension (see
 * {@link CdiConfiguration}).
 * <p>
 * It adds the {@link DataProtectionProducers} bean, fails deployment on a {@link Protector} injection point with a
 * missing or blank purpose (naming the member), and, when the application injects any of these beans, checks the
 * configuration before the application starts.
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
     * Checks the configuration at deployment, but only when the application injects one of our beans: an application
     * that merely has this jar on its class path must not need MicroProfile Config.
     */
    void validateConfiguration(@Observes AfterDeploymentValidation event) {
        if (!used) {
            return;
        }
        try {
            CdiConfiguration.read(ConfigProvider.getConfig());
        } catch (IllegalArgumentException e) {
            event.addDeploymentProblem(new DeploymentException("Invalid data protection configuration: "
                    + e.getMessage(), e));
        } catch (IllegalStateException | LinkageError e) {
            event.addDeploymentProblem(new DeploymentException("Data protection reads its configuration "
                    + "(quarkus.data-protection.*) with MicroProfile Config, and none is available (" + e
                    + "); add an implementation such as io.smallrye.config:smallrye-config", e));
        }
    }
}
