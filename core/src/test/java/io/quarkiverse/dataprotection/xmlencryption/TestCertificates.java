package io.quarkiverse.dataprotection.xmlencryption;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Generates self-signed RSA-2048 certificates, PKCS#12 and PEM files for tests. Nothing here is committed: every key
 * is made fresh in memory or in a {@code @TempDir}.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A certificate valid from one day ago for {@code validity}, with its private key. */
    public static CertificateWithKey generate(String commonName, Duration validity) {
        return generate(commonName, validity, (GeneralName[]) null);
    }

    public static CertificateWithKey generate(String commonName) {
        return generate(commonName, Duration.ofDays(365));
    }

    /** A TLS server certificate for 127.0.0.1 and localhost. */
    public static CertificateWithKey tlsServer() {
        return generate("localhost", Duration.ofDays(2), new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }

    private static CertificateWithKey generate(String commonName, Duration validity, GeneralName... names) {
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
            return CertificateWithKey.of(certificate, pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate a test certificate", e);
        }
    }

    /** PKCS#12 bytes holding the certificate and its key under {@code password} (may be empty, as Key Vault's). */
    public static byte[] pkcs12(CertificateWithKey certificate, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", certificate.privateKey().orElseThrow(), password,
                    new X509Certificate[] { certificate.certificate() });
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write a test PKCS#12 store", e);
        }
    }

    /** PKCS#12 bytes holding only the certificate, as Key Vault serves a certificate whose key is not exportable. */
    public static byte[] pkcs12CertificateOnly(CertificateWithKey certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("certificate", certificate.certificate());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, new char[0]);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write a test PKCS#12 store", e);
        }
    }

    public static Path writePkcs12(Path dir, String name, CertificateWithKey certificate, char[] password) {
        return write(dir.resolve(name), pkcs12(certificate, password));
    }

    /** The PEM certificate ({@code CERTIFICATE}). */
    public static String certificatePem(CertificateWithKey certificate) {
        try {
            return pem(new PemObject("CERTIFICATE", certificate.certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unencrypted PKCS#8 private key ({@code PRIVATE KEY}). */
    public static String privateKeyPem(CertificateWithKey certificate) {
        return pem(new PemObject("PRIVATE KEY", certificate.privateKey().orElseThrow().getEncoded()));
    }

    private static String pem(PemObject object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Path write(Path file, byte[] content) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
