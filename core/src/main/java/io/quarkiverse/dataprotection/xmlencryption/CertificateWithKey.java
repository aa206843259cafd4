package io.quarkiverse.dataprotection.xmlencryption;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An X.509 certificate and, when this process may decrypt with it, its private key: the Java counterpart of .NET's
 * {@code X509Certificate2}.
 * <p>
 * The thumbprint is computed as .NET computes {@code X509Certificate2.Thumbprint}: the SHA-1 of the DER encoding, in
 * upper-case hexadecimal. It identifies the certificate, it is not a security boundary.
 * <p>
 * Immutable and thread-safe. The private key is reached only through {@link #privateKey()}; {@link #toString()}
 * never prints it.
 */
public final class CertificateWithKey {

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String thumbprint;

    private CertificateWithKey(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.privateKey = privateKey;
        this.thumbprint = thumbprintOf(certificate);
        if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("Certificate " + thumbprint + " (" + subjectOf(certificate) + ") has a "
                    + certificate.getPublicKey().getAlgorithm() + " key; ASP.NET's certificate XML encryption needs "
                    + "an RSA key");
        }
    }

    /** A certificate with its private key: it can encrypt and decrypt. */
    public static CertificateWithKey of(X509Certificate certificate, PrivateKey privateKey) {
        return new CertificateWithKey(certificate, Objects.requireNonNull(privateKey, "privateKey"));
    }

    /** A certificate without private key: it can only encrypt. */
    public static CertificateWithKey publicOnly(X509Certificate certificate) {
        return new CertificateWithKey(certificate, null);
    }

    /** The SHA-1 of {@code certificate}'s DER encoding in upper-case hexadecimal, as .NET's {@code Thumbprint}. */
    public static String thumbprintOf(X509Certificate certificate) {
        try {
            return thumbprintOfDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Cannot compute the thumbprint of certificate "
                    + subjectOf(certificate), e);
        }
    }

    static String thumbprintOfDer(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }

    private static String subjectOf(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The upper-case hexadecimal SHA-1 thumbprint, e.g. {@code 4A3F...}. */
    public String thumbprint() {
        return thumbprint;
    }

    /** The subject distinguished name (RFC 2253). */
    public String subject() {
        return subjectOf(certificate);
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public boolean hasPrivateKey() {
        return privateKey != null;
    }

    /** The private key: the one accessor of secret material in this class. */
    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** What may be shown in logs and health data: thumbprint, subject and expiry. */
    public CertificateDescription describe() {
        return new CertificateDescription(thumbprint, subject(), notAfter());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateWithKey that && thumbprint.equals(that.thumbprint)
                && hasPrivateKey() == that.hasPrivateKey();
    }

    @Override
    public int hashCode() {
        return thumbprint.hashCode();
    }

    @Override
    public String toString() {
        return "Certificate[" + thumbprint + ", " + subject() + ", notAfter " + notAfter()
                + (privateKey != null ? ", with private key]" : ", public only]");
    }
}
