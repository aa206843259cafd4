package io.quarkiverse.dataprotection.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.xmlencryption.CertificateDescription;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * The key encryption of {@code key-encryption.*}: a certificate source with its encryptor and decryptor, loaded once
 * at start, and for sources that rotate (Azure Key Vault) refreshed on a daemon thread, never on the request path.
 * <p>
 * When a remote source cannot be loaded at start (after the SDK's own retries), the application still starts: the
 * failure is logged, reported by {@link #loadFailure()} (the readiness check is down with it), and the load is retried
 * in the background with a doubling delay until it succeeds. Crash-looping would not heal a vault outage sooner, and
 * a not-ready instance keeps its traffic away meanwhile. File sources fail the start instead: a missing file is a
 * configuration error that no retry fixes.
 * <p>
 * Thread-safe.
 */
final class ConfiguredKeyEncryption implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfiguredKeyEncryption.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

    private final CertificateSource source;
    private final CertificateXmlEncryptor encryptor;
    private final EncryptedXmlDecryptor decryptor;
    private final Duration refreshPeriod;
    private final ScheduledExecutorService refresher;
    private volatile String loadFailure;
    private volatile Runnable onRecovered = () -> {
    };

    /**
     * @param refreshPeriod how often to refresh in the background; null for sources that are loaded once
     */
    ConfiguredKeyEncryption(CertificateSource source, Duration refreshPeriod) {
        this.source = source;
        this.encryptor = new CertificateXmlEncryptor(source);
        this.decryptor = new EncryptedXmlDecryptor(source);
        this.refreshPeriod = refreshPeriod;
        this.refresher = refreshPeriod == null ? null : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "data-protection-certificate-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads the certificates once and starts the background refresh; throws for file sources that fail. */
    ConfiguredKeyEncryption start() {
        try {
            source.certificates();
            // The provider's start line names the encryptor; only an expiry soon is worth a line of its own.
            warnIfExpiringSoon();
            schedule(refreshPeriod);
        } catch (RuntimeException e) {
            if (refresher == null) {
                throw e;
            }
            loadFailure = e.getMessage();
            LOG.errorf("Key encryption certificates could not be loaded; not ready until a background retry "
                    + "succeeds: %s", e.getMessage());
            schedule(FIRST_RETRY);
        }
        return this;
    }

    /** Runs {@code action} when certificates that failed to load at start load after all. */
    void onRecovered(Runnable action) {
        this.onRecovered = action;
    }

    CertificateXmlEncryptor encryptor() {
        return encryptor;
    }

    EncryptedXmlDecryptor decryptor() {
        return decryptor;
    }

    /** Why the certificates could not be loaded at start, until a refresh succeeds. */
    Optional<String> loadFailure() {
        return Optional.ofNullable(loadFailure);
    }

    /** The certificate new keys are encrypted with, once loaded. */
    Optional<CertificateDescription> encryptingCertificate() {
        return loadFailure != null ? Optional.empty() : Optional.of(encryptor.encryptingCertificate());
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void warnIfExpiringSoon() {
        CertificateDescription certificate = encryptor.encryptingCertificate();
        if (certificate.expiresWithin(DataProtectionHealthCheck.CERTIFICATE_EXPIRY_WARNING)) {
            LOG.warnf("The %s that encrypts new data protection keys expires within %d days; rotate it and keep the "
                    + "old one as a decryption certificate", certificate,
                    DataProtectionHealthCheck.CERTIFICATE_EXPIRY_WARNING.toDays());
        }
    }

    private void schedule(Duration delay) {
        if (refresher != null && !refresher.isShutdown()) {
            refresher.schedule(() -> refresh(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refresh(Duration previousDelay) {
        try {
            source.refresh();
            boolean recovered = loadFailure != null;
            loadFailure = null;
            if (recovered) {
                LOG.infof("Key encryption certificates loaded after all: %s", encryptor.description());
                // read the key ring again now, rather than at its next refresh, so keys decrypt and readiness is UP
                onRecovered.run();
            }
            schedule(refreshPeriod);
        } catch (RuntimeException e) {
            if (loadFailure != null) {
                loadFailure = e.getMessage();
                Duration next = min(previousDelay.multipliedBy(2), refreshPeriod);
                LOG.errorf("Key encryption certificates still cannot be loaded (next try in %s): %s", next,
                        e.getMessage());
                schedule(next);
            } else {
                LOG.warnf("Refreshing the key encryption certificates failed; the ones loaded before stay in use: %s",
                        e.getMessage());
                schedule(refreshPeriod);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
