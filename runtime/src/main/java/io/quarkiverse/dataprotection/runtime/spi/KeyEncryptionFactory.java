package io.quarkiverse.dataprotection.runtime.spi;

/**
 * The key encryption of one {@code quarkus.data-protection.key-encryption.type} that is not certificate XML
 * encryption, e.g. {@code azure-key-vault-key} (master keys wrapped with an Azure Key Vault key, from
 * {@code quarkus-data-protection-azure-keyvault}): it brings its own encryptor and decryptor, where a
 * {@link CertificateSourceFactory} brings only certificates for the main extension's XML encryption.
 * <p>
 * When another type encrypts new keys but this one's settings are present ({@link #configured()}), its decryptor is
 * added too, so that a ring moving from one form to the other (or back) stays readable. Likewise, when this type
 * encrypts, the configured certificates still decrypt.
 * <p>
 * Implementations are CDI beans, called once at start; they must be safe for concurrent use.
 */
public interface KeyEncryptionFactory {

    /** The {@code key-encryption.type} value this factory serves, e.g. {@code azure-key-vault-key}. */
    String type();

    /** Whether this type's settings are present, so that its decryptor is wanted even when another type encrypts. */
    boolean configured();

    /**
     * The encryptor and decryptor, with their settings checked; no I/O yet.
     *
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property to fix
     */
    OpenedKeyEncryption open();
}
