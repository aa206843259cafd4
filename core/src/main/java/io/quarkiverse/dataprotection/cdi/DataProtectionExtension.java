package io.quarkiverse.dataprotection.cdi;

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

import io.quarkiverse.dataprotection.Protector;

/**
 * Portable CDI extension that makes data protection injectable in plain Jakarta CDI containers (Weld SE/EE) with
 * MicroProfile Config:
 *
 * <pre>{@code
 * @Inject @Protector("auth-cookie") DataProtector protector;
 * @Inject DataProtectionProvider provider;
 * @Inject KeyManager keyManager;
 * }</pre>
 *
 * configured by the same {@code quarkus.data-protection.*} properties as the Quarkus extension (see
 * {@link CdiConfiguration}).
 * <p>
 * It adds the {@link DataProtectionProducers} bean, fails deployment on a {@link Protector} injection point with a
 * missing or blank purpose (naming the member), and checks the configuration before the application starts.
 * <p>
 * Quarkus does not run portable extensions; there the Quarkus extension provides the same beans, and this class
 * and the {@link Vetoed} producers stay inert.
 */
public class DataProtectionExtension implements Extension {

    void addProducers(@Observes BeforeBeanDiscovery event) {
        // The producers are @Vetoed so no container discovers them on its own (Quarkus would otherwise see two
        // producers); here they are added on purpose, without the veto.
        event.addAnnotatedType(DataProtectionProducers.class, DataProtectionProducers.class.getName())
                .remove(annotation -> annotation.annotationType() == Vetoed.class);
    }

    void validatePurposes(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint injectionPoint = event.getInjectionPoint();
        if (ProtectorPurposes.find(injectionPoint).isPresent()) {
            ProtectorPurposes.problem(injectionPoint)
                    .ifPresent(problem -> event.addDefinitionError(new DefinitionException(problem)));
        }
    }

    void validateConfiguration(@Observes AfterDeploymentValidation event) {
        try {
            CdiConfiguration.read(ConfigProvider.getConfig());
        } catch (IllegalArgumentException e) {
            event.addDeploymentProblem(new DeploymentException("Invalid data protection configuration: "
                    + e.getMessage(), e));
        }
    }
}
