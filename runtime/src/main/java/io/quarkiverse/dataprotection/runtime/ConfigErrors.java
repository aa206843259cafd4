package io.quarkiverse.dataprotection.runtime;

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

    public static ConfigurationException missing(String property, String why) {
        return new ConfigurationException("Missing " + PREFIX + property + ": " + why);
    }
}
