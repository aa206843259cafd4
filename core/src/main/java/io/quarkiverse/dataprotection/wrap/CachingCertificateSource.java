package io.quarkiverse.dataprotection.wrap;

/**
 * Base of sources that load their certificates in one step: the first {@link #certificates()} call loads, later
 * calls return the cached set without I/O, {@link #refresh()} loads again and keeps the old set when that fails.
 * Thread-safe: loads are serialized, readers never block once a set is cached.
 */
abstract class CachingCertificateSource implements CertificateSource {

    private volatile CertificateSet current;

    /** Reads the certificates; called under this object's lock. */
    protected abstract CertificateSet load();

    @Override
    public final CertificateSet certificates() {
        CertificateSet set = current;
        if (set != null) {
            return set;
        }
        synchronized (this) {
            if (current == null) {
                current = load();
            }
            return current;
        }
    }

    @Override
    public final synchronized CertificateSet refresh() {
        CertificateSet set = load();
        current = set;
        return set;
    }
}
