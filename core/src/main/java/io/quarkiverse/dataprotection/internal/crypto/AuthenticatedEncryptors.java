package io.quarkiverse.dataprotection.internal.crypto;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * Creates the {@link AuthenticatedEncryptor} for a key's algorithms and master key.
 * <p>
 * Thread-safety: stateless; the encryptors it returns are safe for concurrent use.
 */
public final class AuthenticatedEncryptors {

    private AuthenticatedEncryptors() {
    }

    /**
     * The encryptor for {@code algorithms} keyed with {@code masterKey} (the SP800-108 key derivation key).
     *
     * @param random the source of key modifiers, IVs and nonces
     */
    public static AuthenticatedEncryptor create(AlgorithmConfiguration algorithms, Secret masterKey, RandomSource random) {
        java.util.Objects.requireNonNull(algorithms, "algorithms");
        return algorithms.encryption().isGcm()
                ? new GcmAuthenticatedEncryptor(algorithms.encryption(), masterKey, random)
                : new CbcHmacAuthenticatedEncryptor(algorithms.encryption(), algorithms.validation(), masterKey, random);
    }
}
