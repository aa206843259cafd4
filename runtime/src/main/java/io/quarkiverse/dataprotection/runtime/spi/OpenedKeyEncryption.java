package io.quarkiverse.dataprotection.runtime.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * A key encryption opened from configuration by a {@link KeyEncryptionFactory}. Immutable.
 *
 * @param encryptor encrypts new master keys (unused when the type only decrypts)
 * @param decryptor decrypts the stored master keys this type wrote
 * @param lastFailure why the key service last failed (the text of the log and the exception: what to fix), until it
 *        succeeds again; shown by the readiness check. Never a secret
 * @param release run once at shutdown
 */
public record OpenedKeyEncryption(KeyEncryptor encryptor, KeyDecryptor decryptor,
        Supplier<Optional<String>> lastFailure, Runnable release) {

    public OpenedKeyEncryption {
        Objects.requireNonNull(encryptor, "encryptor");
        Objects.requireNonNull(decryptor, "decryptor");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(release, "release");
    }
}
