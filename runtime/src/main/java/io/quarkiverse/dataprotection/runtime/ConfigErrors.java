package io.quarkiverse.dataprotection.runtime;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Builds configuration errors that name the property, the offending value and the fix. */
final class ConfigErrors {

    static final String PREFIX = "quarkus.data-protection.";

    private ConfigErrors() {
    }

    static ConfigurationException invalid(String property, Object value, String rule) {
        return new ConfigurationException("Invalid " + PREFIX + property + "=" + value + ": " + rule);
    }

    static ConfigurationException missing(String property, String why) {
        return new ConfigurationException("Missing " + PREFIX + property + ": " + why);
    }
}
