package io.quarkiverse.dataprotection.keys;

import java.util.Objects;

/**
 * The algorithm pair of a key: an encryption algorithm and, for the CBC modes, a validation algorithm.
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
            throw new IllegalArgumentException("Invalid algorithm pair " + encryption + " + " + validation
                    + "; GCM authenticates by itself, so a GCM key has no validation algorithm");
        }
        if (!encryption.isGcm() && validation == null) {
            throw new IllegalArgumentException("Invalid algorithm pair " + encryption
                    + " without a validation algorithm; CBC modes need HMACSHA256 or HMACSHA512");
        }
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
