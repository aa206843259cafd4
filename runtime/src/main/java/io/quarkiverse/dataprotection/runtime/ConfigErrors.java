package io.quarkiverse.dataprotection.runtime;

import java.util.Map;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Builds configuration errors that name the property, the offending value and the fix; shared with the store and
 * key encryption extensions. Stateless.
 */
public final class ConfigErrors {

    public static final String PREFIX = "quarkus.data-protection.";

    private ConfigErrors() {
    }

    public static ConfigurationException invalid(String property, Object value, String rule) {
        return new ConfigurationException("Invalid " + PREFIX + property + "=" + value + ": " + rule);
    }

    /**
     * {@code e} (a rule of core or an SDK module, naming builder methods or record components) with each setting it
     * names replaced by its property in {@code properties}.
     */
    public static ConfigurationException translate(InvalidSettingException e, Map<String, String> properties) {
        return new ConfigurationException(e.describe(name -> properties.containsKey(name) ? PREFIX + properties.get(name)
                : name), e);
    }

    /** The settings of {@code DataProtectionProviderBuilder}, {@code KeyPolicy} and {@code AlgorithmConfiguration}. */
    static final Map<String, String> PROVIDER = Map.of("keyLifetime", "key-lifetime",
            "propagationWindow", "propagation-window", "keyRetention", "key-retention",
            "refreshPeriod", "refresh-period", "encryption", "algorithm.encryption",
            "validation", "algorithm.validation");

    /** The components of {@code CertificateFileSettings}, for the certificate group at {@code group}. */
    static Map<String, String> certificateFiles(String group) {
        return Map.of("pkcs12Path", group + ".pkcs12.path", "pkcs12Password", group + ".pkcs12.password",
                "pemCertificatePath", group + ".pem.certificate-path",
                "pemPrivateKeyPath", group + ".pem.private-key-path");
    }

    public static ConfigurationException missing(String property, String why) {
        return new ConfigurationException("Missing " + PREFIX + property + ": " + why);
    }
}
