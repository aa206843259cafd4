package io.quarkiverse.dataprotection.cdi;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;

/**
 * Reads {@link DataProtectionConfig} from the application's SmallRye Config, registering the mapping on first use as
 * SmallRye's own CDI extension does for injected mappings: the application's sources, profiles, expressions and
 * environment variables apply, and conversion errors and unknown {@code quarkus.data-protection.*} properties are
 * reported together, each naming its property.
 * <p>
 * Thread-safe.
 */
final class ConfigSupport {

    static final String PREFIX = "quarkus.data-protection";
    static final String QUARKUS_APPLICATION_NAME = "quarkus.application.name";
    private static final Logger LOG = Logger.getLogger(ConfigSupport.class);

    private ConfigSupport() {
    }

    /** The application's configuration, or a failure that says which dependency to add. */
    static Config applicationConfig() {
        try {
            return ConfigProvider.getConfig();
        } catch (IllegalStateException | LinkageError e) {
            throw new IllegalStateException("Data protection reads its configuration (quarkus.data-protection.*) with "
                    + "MicroProfile Config, and none is available (" + e + "); add io.smallrye.config:smallrye-config",
                    e);
        }
    }

    /**
     * @throws IllegalArgumentException listing every invalid property
     * @throws IllegalStateException when the application's MicroProfile Config is not SmallRye Config
     */
    static DataProtectionConfig read(Config config) {
        SmallRyeConfig smallRye = smallRye(config);
        synchronized (ConfigSupport.class) {
            try {
                return smallRye.getConfigMapping(DataProtectionConfig.class);
            } catch (NoSuchElementException notYetRegistered) {
                // registered below, once per configuration
            }
            try {
                ConfigMappings.registerConfigMappings(smallRye,
                        Set.of(ConfigMappings.ConfigClass.configClass(DataProtectionConfig.class, PREFIX)));
            } catch (ConfigValidationException e) {
                throw new IllegalArgumentException("Invalid data protection configuration: " + problems(e), e);
            }
            return smallRye.getConfigMapping(DataProtectionConfig.class);
        }
    }

    /** {@code application-name}, else {@code quarkus.application.name}, as in Quarkus; warns when neither is set. */
    static String applicationName(DataProtectionConfig mapping, Config config) {
        Optional<String> name = mapping.applicationName()
                .or(() -> config.getOptionalValue(QUARKUS_APPLICATION_NAME, String.class));
        if (name.isEmpty()) {
            LOG.warn("Neither quarkus.data-protection.application-name nor quarkus.application.name is set; "
                    + "payloads are not isolated from other applications sharing this key ring");
        }
        return name.orElse(null);
    }

    private static SmallRyeConfig smallRye(Config config) {
        try {
            return config.unwrap(SmallRyeConfig.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Data protection reads quarkus.data-protection.* through a SmallRye "
                    + "Config mapping, but the application's MicroProfile Config is " + config.getClass().getName()
                    + "; use io.smallrye.config:smallrye-config as the implementation", e);
        }
    }

    private static String problems(ConfigValidationException e) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            problems.add(e.getProblem(i).getMessage());
        }
        return String.join("; ", problems);
    }
}
