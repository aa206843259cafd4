package io.quarkiverse.dataprotection.xmlencryption;

/**
 * Where the certificates of {@link CertificateXmlEncryptor} and {@link EncryptedXmlDecryptor} come from: files,
 * Azure Key Vault, or several sources combined.
 * <p>
 * {@link #certificates()} is on the key-ring path and must return cached state without I/O once loaded; only
 * {@link #refresh()} reads files or calls remote services. Scheduling refreshes is the caller's business.
 * <p>
 * Implementations must be safe for concurrent use.
 */
public interface CertificateSource {

    /**
     * The certificates as last loaded, loading them on the first call. Call it once at start so that a broken
     * configuration fails there; sources that load remotely do not retry a failed first load here, only in
     * {@link #refresh()}.
     *
     * @throws CertificateSourceException when the first load fails, or failed and no refresh has succeeded since
     */
    CertificateSet certificates();

    /**
     * Loads the certificates again (e.g. to see a rotation) and returns them. When it fails, the certificates loaded
     * before stay in use and the exception is thrown.
     *
     * @throws CertificateSourceException when the certificates cannot be loaded
     */
    CertificateSet refresh();

    /** Names the source for logs (a file name, a vault URL and certificate name); never a secret. */
    String description();

    /** A source that always returns {@code certificates}. */
    static CertificateSource of(CertificateSet certificates) {
        return new FixedCertificateSource(certificates);
    }

    /** A source of one certificate that both encrypts and decrypts. */
    static CertificateSource of(CertificateWithKey certificate) {
        return of(CertificateSet.of(certificate));
    }
}
