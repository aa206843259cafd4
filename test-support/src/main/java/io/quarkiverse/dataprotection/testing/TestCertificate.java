package io.quarkiverse.dataprotection.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A generated test certificate and, unless it is public only, its private key, in the encodings tests and the fake
 * Key Vault need. Never committed: tests generate them.
 *
 * @param certificate the certificate
 * @param privateKey its private key, or {@code null} for a public-only certificate
 */
public record TestCertificate(X509Certificate certificate, PrivateKey privateKey) {

    /** This certificate without its private key, as Key Vault serves a non-exportable one. */
    public TestCertificate publicOnly() {
        return new TestCertificate(certificate, null);
    }

    public boolean hasPrivateKey() {
        return privateKey != null;
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The SHA-1 thumbprint in upper-case hex, as .NET and Key Vault show it. */
    public String thumbprint() {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#12 bytes holding the certificate and its key under {@code password} (may be empty, as Key Vault's). */
    public byte[] pkcs12(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (privateKey != null) {
                store.setKeyEntry("key", privateKey, password, new X509Certificate[] { certificate });
            } else {
                store.setCertificateEntry("certificate", certificate);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write a test PKCS#12 store", e);
        }
    }

    /** The PEM certificate ({@code CERTIFICATE}). */
    public String certificatePem() {
        try {
            return pem(new PemObject("CERTIFICATE", certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unencrypted PKCS#8 private key ({@code PRIVATE KEY}). */
    public String privateKeyPem() {
        if (privateKey == null) {
            throw new IllegalStateException("A public-only test certificate has no private key");
        }
        return pem(new PemObject("PRIVATE KEY", privateKey.getEncoded()));
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

    @Override
    public String toString() {
        return "TestCertificate[" + subject() + ", " + thumbprint() + (privateKey == null ? ", public only" : "") + "]";
    }
}
