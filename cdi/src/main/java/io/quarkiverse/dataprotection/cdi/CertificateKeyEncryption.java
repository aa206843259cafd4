package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.xmlencryption.CertificateDescription;
import io.quarkiverse.dataprotection.xmlencryption.CertificateSource;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * The key encryption of {@code key-encryption.*}, as the Quarkus extension runs it: a certificate source with its
 * encryptor and decryptor, loaded once at start, and for a source that rotates (Azure Key Vault) refreshed every
 * {@code refresh-period} on a daemon thread, never on the request path.
 * <p>
 * A file source that cannot be loaded fails the start: no retry fixes a missing file. A remote source that cannot be
 * loaded at start (after the SDK's own retries) does not: the failure is logged and the load retried in the
 * background, the delay doubling from 5 seconds up to the refresh period; once it loads, the key ring is read again
 * at once so that its keys decrypt.
 * <p>
 * Thread-safe.
 */
final class CertificateKeyEncryption implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CertificateKeyEncryption.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final CertificateSource source;
    private final CertificateXmlEncryptor encryptor;
    private final EncryptedXmlDecryptor decryptor;
    private final Duration refreshPeriod;
    private final boolean decryptsOnly;
    private final ScheduledExecutorService refresher;
    private volatile boolean loadFailed;
    private volatile Runnable onRecovered = () -> {
    };

    /**
     * @param refreshPeriod how often to refresh in the background; null for a source that is loaded once
     * @param decryptsOnly whether another form (Key Vault key wrap) encrypts new keys, so that an expiring
     *        certificate needs no rotation
     */
    CertificateKeyEncryption(CertificateSource source, Duration refreshPeriod, boolean decryptsOnly) {
        this.source = source;
        this.encryptor = new CertificateXmlEncryptor(source);
        this.decryptor = new EncryptedXmlDecryptor(source);
        this.refreshPeriod = refreshPeriod;
        this.decryptsOnly = decryptsOnly;
        this.refresher = refreshPeriod == null ? null : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "data-protection-certificate-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads the certificates once and starts the background refresh; throws for a file source that fails. */
    CertificateKeyEncryption start() {
        try {
            source.certificates();
            if (!decryptsOnly) {
                warnIfExpiringSoon();
            }
            schedule(refreshPeriod);
        } catch (RuntimeException e) {
            if (refresher == null) {
                throw e;
            }
            loadFailed = true;
            LOG.errorf("Key encryption certificates could not be loaded; keys cannot be decrypted until a background "
                    + "retry succeeds: %s", e.getMessage());
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

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void warnIfExpiringSoon() {
        CertificateDescription certificate = encryptor.encryptingCertificate();
        if (certificate.expiresWithin(EXPIRY_WARNING)) {
            LOG.warnf("The %s that encrypts new data protection keys expires within %d days; rotate it and keep the "
                    + "old one as a decryption certificate", certificate, EXPIRY_WARNING.toDays());
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
            boolean recovered = loadFailed;
            loadFailed = false;
            if (recovered) {
                LOG.infof("Key encryption certificates loaded after all: %s", encryptor.description());
                onRecovered.run();
            }
            schedule(refreshPeriod);
        } catch (RuntimeException e) {
            if (loadFailed) {
                Duration next = previousDelay.multipliedBy(2).compareTo(refreshPeriod) < 0
                        ? previousDelay.multipliedBy(2)
                        : refreshPeriod;
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
}
