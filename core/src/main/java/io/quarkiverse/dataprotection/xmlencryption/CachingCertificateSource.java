package io.quarkiverse.dataprotection.xmlencryption;

/**
 * Base of sources that load their certificates in one step. The first {@link #certificates()} call loads; later
 * calls return the cached set without I/O. When that first load failed, later calls rethrow its failure without
 * I/O too (so that a broken vault is not retried on the key-ring path) until {@link #refresh()} succeeds.
 * {@link #refresh()} loads again and keeps the old set when that fails.
 * <p>
 * Thread-safe: loads are serialized, readers never block once a set is cached.
 */
public abstract class CachingCertificateSource implements CertificateSource {

    private volatile CertificateSet current;
    private RuntimeException firstLoadFailure;

    /** Reads the certificates; called under this object's lock. */
    protected abstract CertificateSet load();

    @Override
    public final CertificateSet certificates() {
        CertificateSet set = current;
        if (set != null) {
            return set;
        }
        synchronized (this) {
            if (current != null) {
                return current;
            }
            if (firstLoadFailure != null) {
                throw new CertificateSourceException("The certificates of " + description() + " could not be loaded "
                        + "at start and are not retried until refresh() is called: " + firstLoadFailure.getMessage(),
                        firstLoadFailure);
            }
            try {
                current = load();
                return current;
            } catch (RuntimeException e) {
                firstLoadFailure = e;
                throw e;
            }
        }
    }

    @Override
    public final synchronized CertificateSet refresh() {
        CertificateSet set = load();
        current = set;
        firstLoadFailure = null;
        return set;
    }
}
