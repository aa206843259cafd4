package io.quarkiverse.dataprotection.cdi;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * The key encryption of {@code key-encryption.*} once started: the encryptor of the type, and the decryptors of every
 * form whose settings are present (the certificates while a Key Vault key wraps, the key while certificates encrypt),
 * so that a ring in the middle of a migration reads whole. Owns the certificates' background refresh, if any.
 * <p>
 * Immutable once built; thread-safe.
 */
final class StartedKeyEncryption implements AutoCloseable {

    private final KeyEncryptor encryptor;
    private final List<KeyDecryptor> decryptors;
    private final CertificateKeyEncryption certificates;

    /**
     * @param certificates the started certificates (which decrypt, and encrypt unless a key wraps); null for none
     * @param keyWrap the Key Vault key wrap; null for none
     * @param keyWrapEncrypts whether the key wrap (rather than the certificates) encrypts new keys
     */
    StartedKeyEncryption(CertificateKeyEncryption certificates, KeyWrap keyWrap, boolean keyWrapEncrypts) {
        this.certificates = certificates;
        this.encryptor = keyWrapEncrypts ? keyWrap.encryptor() : certificates.encryptor();
        List<KeyDecryptor> all = new ArrayList<>();
        if (keyWrap != null) {
            all.add(keyWrap.decryptor());
        }
        if (certificates != null) {
            all.add(certificates.decryptor());
        }
        this.decryptors = List.copyOf(all);
    }

    /** Encrypts new keys. */
    KeyEncryptor encryptor() {
        return encryptor;
    }

    /** Every configured decryptor; each supports its own decryptor types. */
    List<KeyDecryptor> decryptors() {
        return decryptors;
    }

    /** Runs {@code action} when certificates that failed to load at start load after all. */
    void onRecovered(Runnable action) {
        if (certificates != null) {
            certificates.onRecovered(action);
        }
    }

    @Override
    public void close() {
        if (certificates != null) {
            certificates.close();
        }
    }

    /** A Key Vault key's encryptor and decryptor, as core's types so that no Azure class leaks out of the builder. */
    record KeyWrap(KeyEncryptor encryptor, KeyDecryptor decryptor) {
    }
}
