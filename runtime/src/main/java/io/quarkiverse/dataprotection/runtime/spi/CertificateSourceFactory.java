package io.quarkiverse.dataprotection.runtime.spi;

import java.time.Duration;
import java.util.Optional;

import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;

/**
 * The certificate source of one {@code quarkus.data-protection.key-encryption.type} an extension adds (e.g.
 * {@code azure-key-vault} from {@code quarkus-data-protection-azure-keyvault}). The main extension handles
 * {@code certificate} (files) itself.
 * <p>
 * Implementations are CDI beans, called once at start; they must be safe for concurrent use.
 */
public interface CertificateSourceFactory {

    /** The {@code key-encryption.type} value this factory serves, e.g. {@code azure-key-vault}. */
    String type();

    /**
     * The source, with its settings checked; it loads nothing yet.
     *
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property to fix
     */
    CertificateSource create();

    /** How often to reload the certificates in the background (sources that rotate), or empty to load once. */
    Optional<Duration> refreshPeriod();

    /**
     * Whether this source's settings are present, so that its certificates are wanted for decryption while a
     * {@link KeyEncryptionFactory}'s type encrypts new keys (a ring moving from certificates to a key service). The
     * default, {@code true}, suits sources without settings of their own.
     */
    default boolean configured() {
        return true;
    }
}
