package io.quarkiverse.dataprotection.reliability;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;
import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * Encrypts any bytes to a test certificate as an XML Encryption {@code <EncryptedData>} in the shape
 * {@code CertificateXmlEncryptor} writes (RSA-OAEP key transport, AES-256-CBC), with the JCA directly: the plaintext
 * may be a tree no serializer would write. What anyone holding the public certificate can do.
 * <p>
 * Thread-safety: immutable; safe for concurrent use.
 */
final class CertificateEncryption {

    private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    /** Fixed session key and IV: the fuzzer's input, not randomness, should decide what the decryptor sees. */
    private static final byte[] SESSION_KEY = new byte[32];
    private static final byte[] IV = new byte[16];

    final CertificateWithKey certificate;
    private final String wrappedKey;
    private final String certificateBase64;

    CertificateEncryption(String commonName) {
        this.certificate = TestCertificates.generate(commonName);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, certificate.certificate().getPublicKey());
            this.wrappedKey = Base64.getEncoder().encodeToString(rsa.doFinal(SESSION_KEY));
            this.certificateBase64 = Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Cannot set up the test certificate", e);
        }
    }

    /** Writes {@code <EncryptedData>} holding {@code plaintext} to {@code out}. */
    void encryptedData(KeyXmlRecipe.XmlOut out, byte[] plaintext) {
        out.open("EncryptedData", " Type=\"" + XENC + "Element\" xmlns=\"" + XENC + "\"");
        out.leafWithAttributes("EncryptionMethod", " Algorithm=\"" + XENC + "aes256-cbc\"");
        out.open("KeyInfo", " xmlns=\"" + DSIG + "\"").open("EncryptedKey", " xmlns=\"" + XENC + "\"");
        out.leafWithAttributes("EncryptionMethod", " Algorithm=\"" + XENC + "rsa-oaep-mgf1p\"");
        out.open("KeyInfo", " xmlns=\"" + DSIG + "\"").open("X509Data", "").leaf("X509Certificate", certificateBase64)
                .close().close();
        out.open("CipherData", "").leaf("CipherValue", wrappedKey).close();
        out.close().close();
        out.open("CipherData", "").leaf("CipherValue", Base64.getEncoder().encodeToString(encrypt(plaintext))).close();
        out.close();
    }

    private static byte[] encrypt(byte[] plaintext) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(SESSION_KEY, "AES"), new IvParameterSpec(IV));
            byte[] ciphertext = aes.doFinal(plaintext);
            byte[] out = Arrays.copyOf(IV, IV.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, out, IV.length, ciphertext.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }
}
