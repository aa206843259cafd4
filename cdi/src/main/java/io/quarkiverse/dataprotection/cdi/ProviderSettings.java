package io.quarkiverse.dataprotection.cdi;

import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.KeyPolicy;

/**
 * Applies the provider settings of {@code quarkus.data-protection.*} to a builder. Every rule is core's (builder,
 * {@link KeyPolicy}, {@link AlgorithmConfiguration}); this class only names the property that breaks one.
 */
final class ProviderSettings {

    private ProviderSettings() {
    }

    /**
     * @throws IllegalArgumentException naming the property, the value and the fix
     */
    static DataProtectionProviderBuilder apply(DataProtectionConfig config, String applicationName,
            DataProtectionProviderBuilder builder) {
        try {
            builder.applicationName(applicationName)
                    .keyPolicy(new KeyPolicy(config.keyLifetime(), config.propagationWindow(),
                            KeyPolicy.DEFAULT_MAX_CLOCK_SKEW))
                    .refreshPeriod(config.refreshPeriod())
                    .autoGenerateKeys(config.autoGenerateKeys())
                    .restoreLostKeys(config.restoreLostKeys())
                    .firstReadInBackground(config.firstReadInBackground())
                    .algorithms(AlgorithmConfiguration.of(config.algorithm().encryption(),
                            config.algorithm().validation().orElse(null)));
            config.keyRetention().ifPresent(builder::keyRetention);
            return builder;
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, ConfigErrors.PROVIDER);
        }
    }
}
