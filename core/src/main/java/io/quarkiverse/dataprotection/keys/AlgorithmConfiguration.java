package io.quarkiverse.dataprotection.keys;

import java.util.Objects;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * The algorithm pair of a key: an encryption algorithm and, for the CBC modes, a validation algorithm. The constructor
 * throws {@link InvalidSettingException} naming the component that breaks a rule.
 * <p>
 * Immutable.
 *
 * @param encryption the encryption algorithm
 * @param validation the MAC algorithm for CBC modes; {@code null} for GCM modes
 */
public record AlgorithmConfiguration(EncryptionAlgorithm encryption, ValidationAlgorithm validation) {

    /** ASP.NET Core's default: AES-256-CBC with HMAC-SHA256. */
    public static final AlgorithmConfiguration DEFAULT = new AlgorithmConfiguration(EncryptionAlgorithm.AES_256_CBC,
            ValidationAlgorithm.HMACSHA256);

    public AlgorithmConfiguration {
        Objects.requireNonNull(encryption, "encryption");
        if (encryption.isGcm() && validation != null) {
            throw InvalidSettingException.invalid("validation", validation, encryption + " authenticates by itself; "
                    + "remove {validation} or choose a CBC {encryption}");
        }
        if (!encryption.isGcm() && validation == null) {
            throw InvalidSettingException.missing("validation", encryption + " needs a validation algorithm: "
                    + "HMACSHA256 or HMACSHA512");
        }
    }

    /**
     * The pair for {@code encryption} with an optional validation algorithm, defaulted as ASP.NET Core does: none
     * for GCM, {@link ValidationAlgorithm#HMACSHA256} for CBC. For adapters whose validation setting is optional.
     *
     * @param validation the validation algorithm, or {@code null} for the default
     * @throws InvalidSettingException when {@code validation} is given with a GCM algorithm
     */
    public static AlgorithmConfiguration of(EncryptionAlgorithm encryption, ValidationAlgorithm validation) {
        Objects.requireNonNull(encryption, "encryption");
        if (validation == null && !encryption.isGcm()) {
            return new AlgorithmConfiguration(encryption, ValidationAlgorithm.HMACSHA256);
        }
        return new AlgorithmConfiguration(encryption, validation);
    }

    /** The GCM configuration for {@code encryption}. */
    public static AlgorithmConfiguration gcm(EncryptionAlgorithm encryption) {
        return new AlgorithmConfiguration(encryption, null);
    }

    @Override
    public String toString() {
        return validation == null ? encryption.name() : encryption.name() + "+" + validation.name();
    }
}
