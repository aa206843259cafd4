package io.quarkiverse.dataprotection.runtime;

import java.time.Duration;

import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;

/** Checks the run-time settings and applies them to a provider builder; the checks name the property to fix. */
final class ProviderSettings {

    private ProviderSettings() {
    }

    static DataProtectionProviderBuilder apply(DataProtectionConfig config, String applicationName,
            DataProtectionProviderBuilder builder) {
        builder.applicationName(applicationName)
                .keyPolicy(keyPolicy(keyLifetime(config.keyLifetime()), config.propagationWindow()))
                .refreshPeriod(refreshPeriod(config.refreshPeriod()))
                .autoGenerateKeys(config.autoGenerateKeys())
                .restoreLostKeys(config.restoreLostKeys())
                .algorithms(algorithms(config.algorithm()));
        config.keyRetention().ifPresent(retention -> builder.keyRetention(keyRetention(retention)));
        return builder;
    }

    static Duration keyRetention(Duration retention) {
        if (retention.isZero() || retention.isNegative()) {
            throw ConfigErrors.invalid("key-retention", retention, "it must be positive, for example 365D; remove it "
                    + "to keep expired keys for ever");
        }
        return retention;
    }

    static KeyPolicy keyPolicy(Duration lifetime, Duration propagationWindow) {
        if (propagationWindow.isNegative()) {
            throw ConfigErrors.invalid("propagation-window", propagationWindow, "it must not be negative; ASP.NET "
                    + "Core's value is 2D");
        }
        try {
            return new KeyPolicy(lifetime, propagationWindow, KeyPolicy.DEFAULT_MAX_CLOCK_SKEW);
        } catch (IllegalArgumentException e) {
            throw ConfigErrors.invalid("propagation-window", propagationWindow, "with the 24-hour refresh allowance it "
                    + "must be shorter than quarkus.data-protection.key-lifetime (" + lifetime + ")");
        }
    }

    static Duration keyLifetime(Duration lifetime) {
        if (lifetime.compareTo(KeyPolicy.MIN_KEY_LIFETIME) < 0) {
            throw ConfigErrors.invalid("key-lifetime", lifetime, "a key lifetime must be at least "
                    + KeyPolicy.MIN_KEY_LIFETIME.toDays() + " days (ASP.NET Core's minimum); set it to 7D or more");
        }
        return lifetime;
    }

    static Duration refreshPeriod(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw ConfigErrors.invalid("refresh-period", period, "it must be positive, for example 5M");
        }
        return period;
    }

    static AlgorithmConfiguration algorithms(DataProtectionConfig.Algorithm algorithm) {
        EncryptionAlgorithm encryption = algorithm.encryption();
        if (encryption.isGcm()) {
            if (algorithm.validation().isPresent()) {
                throw ConfigErrors.invalid("algorithm.validation", algorithm.validation().get(),
                        encryption + " authenticates by itself; remove quarkus.data-protection.algorithm.validation "
                                + "or choose a CBC encryption algorithm");
            }
            return AlgorithmConfiguration.gcm(encryption);
        }
        return new AlgorithmConfiguration(encryption, algorithm.validation().orElse(ValidationAlgorithm.HMACSHA256));
    }
}
