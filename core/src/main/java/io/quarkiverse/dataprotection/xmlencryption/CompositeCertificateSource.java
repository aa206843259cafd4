package io.quarkiverse.dataprotection.xmlencryption;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The encryption certificate of one source, plus the decryption certificates of it and of more sources: for keys
 * encrypted with certificates no longer in use (ASP.NET's {@code UnprotectKeysWithAnyCertificate}).
 * <p>
 * Thread-safe as its sources are; {@link #certificates()} does no I/O once every source has loaded.
 */
public final class CompositeCertificateSource implements CertificateSource {

    private final CertificateSource primary;
    private final List<CertificateSource> decryptionOnly;

    /**
     * @param primary encrypts new keys and decrypts
     * @param decryptionOnly only decrypt; their encryption certificates are used for decryption only
     */
    public CompositeCertificateSource(CertificateSource primary, List<CertificateSource> decryptionOnly) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.decryptionOnly = List.copyOf(decryptionOnly);
    }

    @Override
    public CertificateSet certificates() {
        CertificateSet main = primary.certificates();
        List<CertificateWithKey> decryption = new ArrayList<>(main.decryptionCertificates());
        for (CertificateSource source : decryptionOnly) {
            decryption.addAll(source.certificates().decryptionCertificates());
        }
        return new CertificateSet(main.encryptionCertificate(), decryption);
    }

    /** Refreshes every source; when some fail, the others are still refreshed and the first failure is thrown. */
    @Override
    public CertificateSet refresh() {
        RuntimeException failure = null;
        for (CertificateSource source : all()) {
            try {
                source.refresh();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return certificates();
    }

    @Override
    public String description() {
        return primary.description() + (decryptionOnly.isEmpty() ? ""
                : " (also decrypting with " + decryptionOnly.stream().map(CertificateSource::description)
                        .collect(Collectors.joining(", ")) + ")");
    }

    private List<CertificateSource> all() {
        List<CertificateSource> all = new ArrayList<>();
        all.add(primary);
        all.addAll(decryptionOnly);
        return all;
    }
}
