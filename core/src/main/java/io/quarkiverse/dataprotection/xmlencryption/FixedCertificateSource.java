package io.quarkiverse.dataprotection.xmlencryption;

import java.util.Objects;

/** A {@link CertificateSource} whose certificates never change. Immutable. */
final class FixedCertificateSource implements CertificateSource {

    private final CertificateSet certificates;

    FixedCertificateSource(CertificateSet certificates) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    @Override
    public CertificateSet certificates() {
        return certificates;
    }

    @Override
    public CertificateSet refresh() {
        return certificates;
    }

    @Override
    public String description() {
        return "certificate " + certificates.encryptionCertificate().thumbprint();
    }
}
