package io.quarkiverse.dataprotection.xmlencryption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificates one process uses: the one that encrypts new keys, and every one that may decrypt stored keys
 * (the current one when it has its private key, older versions, and extra decryption-only certificates).
 * <p>
 * Immutable and thread-safe.
 */
public final class CertificateSet {

    private final CertificateWithKey encryptionCertificate;
    private final Map<String, CertificateWithKey> decryptionCertificates;

    /**
     * @param encryptionCertificate encrypts new keys; its private key is not required
     * @param decryptionCertificates more certificates that may decrypt; those without private key are ignored, and a
     *        thumbprint given twice counts once
     */
    public CertificateSet(CertificateWithKey encryptionCertificate, List<CertificateWithKey> decryptionCertificates) {
        this.encryptionCertificate = Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        Map<String, CertificateWithKey> byThumbprint = new LinkedHashMap<>();
        List<CertificateWithKey> all = new ArrayList<>();
        all.add(encryptionCertificate);
        all.addAll(Objects.requireNonNull(decryptionCertificates, "decryptionCertificates"));
        for (CertificateWithKey certificate : all) {
            if (certificate.hasPrivateKey()) {
                byThumbprint.putIfAbsent(certificate.thumbprint(), certificate);
            }
        }
        this.decryptionCertificates = Map.copyOf(byThumbprint);
    }

    /** A set of one certificate that both encrypts and decrypts. */
    public static CertificateSet of(CertificateWithKey certificate) {
        return new CertificateSet(certificate, List.of());
    }

    /** The certificate new keys are encrypted with. */
    public CertificateWithKey encryptionCertificate() {
        return encryptionCertificate;
    }

    /** Every certificate with a private key, the encryption certificate included when it has one. */
    public List<CertificateWithKey> decryptionCertificates() {
        return List.copyOf(decryptionCertificates.values());
    }

    /** The decryption certificate with this thumbprint (upper- or lower-case hexadecimal). */
    public Optional<CertificateWithKey> findDecryptionCertificate(String thumbprint) {
        return Optional.ofNullable(decryptionCertificates.get(thumbprint.toUpperCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "CertificateSet[encrypting " + encryptionCertificate.thumbprint() + ", decrypting "
                + decryptionCertificates.keySet() + "]";
    }
}
