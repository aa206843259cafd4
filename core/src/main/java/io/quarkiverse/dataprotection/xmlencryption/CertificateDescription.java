package io.quarkiverse.dataprotection.xmlencryption;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What health checks and logs may say about a certificate: nothing secret.
 *
 * @param thumbprint the upper-case hexadecimal SHA-1 thumbprint, as .NET shows it
 * @param subject the subject distinguished name
 * @param notAfter the end of the validity period
 */
public record CertificateDescription(String thumbprint, String subject, Instant notAfter) {

    public CertificateDescription {
        Objects.requireNonNull(thumbprint, "thumbprint");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** Whether the certificate expires before {@code now + window} (or has expired), e.g. for a 30-day warning. */
    public boolean expiresWithin(Duration window, Instant now) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        return !notAfter.isAfter(now.plus(window));
    }

    /** {@link #expiresWithin(Duration, Instant)} at the current system time. */
    public boolean expiresWithin(Duration window) {
        return expiresWithin(window, Instant.now());
    }

    @Override
    public String toString() {
        return "certificate " + thumbprint + " (" + subject + ", expires " + notAfter + ")";
    }
}
