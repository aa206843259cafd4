package io.quarkiverse.dataprotection.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.dataprotection.runtime.spi.OpenedKeyEncryption;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.CertificateDescription;

/**
 * The key encryption in use: what encrypts new keys (certificates, or a key service such as Azure Key Vault key
 * wrap), every decryptor, and what health reports about them. Thread-safe.
 */
final class ActiveKeyEncryption implements AutoCloseable {

    private final ConfiguredKeyEncryption certificates;
    private final boolean certificatesEncrypt;
    private final List<OpenedKeyEncryption> keyServices;

    /**
     * @param certificates the configured certificates, or null
     * @param certificatesEncrypt whether they encrypt new keys; otherwise the first key service does
     * @param keyServices the opened key services, the encrypting one first
     */
    ActiveKeyEncryption(ConfiguredKeyEncryption certificates, boolean certificatesEncrypt,
            List<OpenedKeyEncryption> keyServices) {
        this.certificates = certificates;
        this.certificatesEncrypt = certificatesEncrypt;
        this.keyServices = List.copyOf(keyServices);
    }

    KeyEncryptor encryptor() {
        return certificatesEncrypt ? certificates.encryptor() : keyServices.get(0).encryptor();
    }

    List<KeyDecryptor> decryptors() {
        List<KeyDecryptor> decryptors = new ArrayList<>();
        if (certificates != null) {
            decryptors.add(certificates.decryptor());
        }
        keyServices.forEach(service -> decryptors.add(service.decryptor()));
        return decryptors;
    }

    /** Runs {@code action} when certificates that failed to load at start load after all. */
    void onRecovered(Runnable action) {
        if (certificates != null) {
            certificates.onRecovered(action);
        }
    }

    /** Why the certificates could not be loaded at start, until a refresh succeeds. */
    Optional<String> certificateFailure() {
        return certificates == null ? Optional.empty() : certificates.loadFailure();
    }

    /** The certificate new keys are encrypted with, when certificates encrypt and are loaded. */
    Optional<CertificateDescription> encryptingCertificate() {
        return certificatesEncrypt ? certificates.encryptingCertificate() : Optional.empty();
    }

    /** The last failure of a key service (what to fix), until it succeeds again. */
    Optional<String> keyServiceFailure() {
        return keyServices.stream().map(service -> service.lastFailure().get()).flatMap(Optional::stream).findFirst();
    }

    /** Names what encrypts new keys, for health data; never a secret. */
    String description() {
        return encryptor().description();
    }

    @Override
    public void close() {
        try {
            if (certificates != null) {
                certificates.close();
            }
        } finally {
            keyServices.forEach(service -> service.release().run());
        }
    }
}
