package io.quarkiverse.dataprotection.xmlencryption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses PKCS#12 and PEM content into {@link CertificateWithKey} values. {@code what} names the origin (a file, a
 * Key Vault secret) in every error; passwords and key bytes never appear in messages.
 */
public final class CertificateFiles {

    private static final Pattern PEM_BLOCK = Pattern
            .compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private CertificateFiles() {
    }

    /** The first entry with a private key and certificate, e.g. the one entry of a Key Vault PFX. */
    public static CertificateWithKey fromPkcs12(byte[] content, char[] password, String what) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException | GeneralSecurityException e) {
            String reason = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")
                            ? "wrong password or corrupt file"
                            : "not a readable PKCS#12 store";
            throw new CertificateSourceException("Cannot read the PKCS#12 certificate " + what + ": " + reason, e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    Key key = store.getKey(alias, password);
                    if (key instanceof PrivateKey privateKey) {
                        return CertificateWithKey.of(certificate, privateKey);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateSourceException("Cannot read the private key in the PKCS#12 certificate " + what
                    + ": wrong password or unsupported key protection", e);
        }
        throw new CertificateSourceException("The PKCS#12 certificate " + what + " holds no private key with a "
                + "certificate; export it with its private key");
    }

    /** Every {@code CERTIFICATE} block of PEM text. */
    public static List<X509Certificate> certificatesFromPem(String pem, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CertificateSourceException("Cannot read the PEM certificate " + what, e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateSourceException("No -----BEGIN CERTIFICATE----- block in " + what);
        }
        return certificates;
    }

    /** The unencrypted PKCS#8 ({@code PRIVATE KEY}) RSA key of PEM text. */
    static PrivateKey privateKeyFromPem(String pem, String what) {
        List<byte[]> keys = blocks(pem, "PRIVATE KEY");
        if (keys.isEmpty()) {
            String hint = pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("ENCRYPTED PRIVATE KEY")
                    ? " (PKCS#1 and encrypted keys are not supported: convert with "
                            + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem')"
                    : "";
            throw new CertificateSourceException("No unencrypted PKCS#8 -----BEGIN PRIVATE KEY----- block in " + what
                    + hint);
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
        } catch (GeneralSecurityException e) {
            throw new CertificateSourceException("The private key in " + what + " is not a readable RSA key", e);
        }
    }

    /**
     * The certificate of PEM text whose public key matches the private key (Key Vault's PEM export holds the key
     * then the chain; the leaf is not necessarily first).
     */
    public static CertificateWithKey fromPem(String certificatePem, String privateKeyPem, String what) {
        PrivateKey key = privateKeyFromPem(privateKeyPem, what);
        List<X509Certificate> certificates = certificatesFromPem(certificatePem, what);
        if (!(key instanceof RSAPrivateCrtKey) && certificates.size() == 1) {
            return CertificateWithKey.of(certificates.get(0), key); // cannot compare moduli; the decryptor will tell
        }
        for (X509Certificate certificate : certificates) {
            if (matches(certificate, key)) {
                return CertificateWithKey.of(certificate, key);
            }
        }
        throw new CertificateSourceException("None of the " + certificates.size() + " certificate(s) in " + what
                + " matches its private key");
    }

    public static String utf8(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        return certificate.getPublicKey() instanceof RSAPublicKey publicKey && key instanceof RSAPrivateCrtKey crt
                && publicKey.getModulus().equals(crt.getModulus())
                && publicKey.getPublicExponent().equals(crt.getPublicExponent());
    }

    private static List<byte[]> blocks(String pem, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return out;
    }
}
