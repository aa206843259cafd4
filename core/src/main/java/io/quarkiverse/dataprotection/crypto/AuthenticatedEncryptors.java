package io.quarkiverse.dataprotection.crypto;

/** Creates the {@link AuthenticatedEncryptor} for a key's algorithms and master key. */
public final class AuthenticatedEncryptors {

    private AuthenticatedEncryptors() {
    }

    /**
     * The encryptor for {@code algorithms} keyed with {@code masterKey} (the SP800-108 key derivation key).
     *
     * @param random the source of key modifiers, IVs and nonces
     */
    public static AuthenticatedEncryptor create(AlgorithmConfiguration algorithms, Secret masterKey, RandomSource random) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
