package io.quarkiverse.dataprotection.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed RSA-2048 certificates for tests, generated at run time (no private key is ever committed). */
public final class CertificateGenerator {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private CertificateGenerator() {
    }

    /** A certificate valid from one day ago for {@code validity}, with its private key. */
    public static TestCertificate generate(String commonName, Duration validity) {
        return generate(commonName, validity, (GeneralName[]) null);
    }

    /** A certificate valid for a year, with its private key. */
    public static TestCertificate generate(String commonName) {
        return generate(commonName, Duration.ofDays(365));
    }

    /** A TLS server certificate for 127.0.0.1 and localhost. */
    public static TestCertificate tlsServer() {
        return generate("localhost", Duration.ofDays(2), new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }

    private static TestCertificate generate(String commonName, Duration validity, GeneralName... names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName);
            Instant notBefore = Instant.now().minus(Duration.ofDays(1));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
                    Date.from(Instant.now().plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new TestCertificate(certificate, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate a test certificate", e);
        }
    }
}
