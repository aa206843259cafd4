package io.quarkiverse.dataprotection.xmlencryption;

import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.AES256_CBC;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.RSA_OAEP_MGF1P;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.TYPE_ELEMENT;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.XMLDSIG_NS;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.XMLENC_NS;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;

import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * Encrypts the {@code <masterKey>} element to an X.509 certificate as ASP.NET Core's {@code CertificateXmlEncryptor}
 * does, so that .NET's {@code EncryptedXmlDecryptor} and this library's {@link EncryptedXmlDecryptor} both decrypt
 * it. Written form (namespaces declared as .NET declares them):
 *
 * <pre>
 * &lt;EncryptedData Type="http://www.w3.org/2001/04/xmlenc#Element" xmlns="http://www.w3.org/2001/04/xmlenc#"&gt;
 *   &lt;EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc" /&gt;
 *   &lt;KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"&gt;
 *     &lt;EncryptedKey xmlns="http://www.w3.org/2001/04/xmlenc#"&gt;
 *       &lt;EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p" /&gt;
 *       &lt;KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"&gt;
 *         &lt;X509Data&gt;&lt;X509Certificate&gt;base64(DER)&lt;/X509Certificate&gt;&lt;/X509Data&gt;
 *       &lt;/KeyInfo&gt;
 *       &lt;CipherData&gt;&lt;CipherValue&gt;base64(RSA-OAEP(AES key))&lt;/CipherValue&gt;&lt;/CipherData&gt;
 *     &lt;/EncryptedKey&gt;
 *   &lt;/KeyInfo&gt;
 *   &lt;CipherData&gt;&lt;CipherValue&gt;base64(IV[16] || AES-256-CBC(UTF-8 masterKey element))&lt;/CipherValue&gt;&lt;/CipherData&gt;
 * &lt;/EncryptedData&gt;
 * </pre>
 *
 * A fresh 256-bit AES key and IV per call; padding ISO 10126 as .NET's {@code EncryptedXml}. The one difference from
 * .NET is the key transport: .NET writes RSA PKCS#1 v1.5 ({@code xmlenc#rsa-1_5}); this class writes RSA-OAEP with
 * SHA-1 and MGF1-SHA-1 ({@code xmlenc#rsa-oaep-mgf1p}), which .NET's {@code EncryptedXml.DecryptEncryptedKey}
 * decrypts (it selects OAEP exactly when the algorithm is {@code XmlEncRSAOAEPUrl}) and which is not open to
 * Bleichenbacher-style padding attacks. .NET does not understand the XML Encryption 1.1 SHA-256 OAEP form, so this
 * is the strongest transport both sides share.
 * <p>
 * The certificate is taken from the {@link CertificateSource} on every call, so a refreshed source (a rotated Key
 * Vault certificate) encrypts new keys with the new certificate at once. Thread-safe.
 */
public final class CertificateXmlEncryptor implements KeyEncryptor {

    private static final Logger LOG = Logger.getLogger(CertificateXmlEncryptor.class);
    private static final int AES_KEY_BYTES = 32;
    private static final int IV_BYTES = 16;

    private final CertificateSource source;
    private final SecureRandom random;

    /** Encrypts with the source's current encryption certificate. */
    public CertificateXmlEncryptor(CertificateSource source) {
        this.source = Objects.requireNonNull(source, "source");
        this.random = new SecureRandom();
    }

    /** Encrypts with this one certificate (its private key is not needed). */
    public CertificateXmlEncryptor(CertificateWithKey certificate) {
        this(CertificateSource.of(new CertificateSet(certificate, List.of())));
    }

    /** The .NET type name ASP.NET records for this encryptor's output ({@code decryptorType}). */
    public static String decryptorType() {
        return XmlEncryptionSupport.DECRYPTOR_TYPE;
    }

    @Override
    public EncryptedXmlInfo encrypt(Element plaintextElement) {
        Objects.requireNonNull(plaintextElement, "plaintextElement");
        CertificateWithKey certificate = source.certificates().encryptionCertificate();
        LOG.debugf("Encrypting a key to certificate %s", certificate.thumbprint());
        byte[] plaintext = XmlEncryptionSupport.serialize(plaintextElement);
        byte[] sessionKey = new byte[AES_KEY_BYTES];
        try {
            random.nextBytes(sessionKey);
            byte[] encryptedKey = transportKey(sessionKey, certificate);
            byte[] cipherValue = encryptContent(plaintext, sessionKey);
            Element encryptedData = encryptedData(certificate, encryptedKey, cipherValue);
            return new EncryptedXmlInfo(encryptedData, XmlEncryptionSupport.DECRYPTOR_TYPE);
        } catch (GeneralSecurityException e) {
            throw new DataProtectionException("Cannot encrypt a key to certificate " + certificate.thumbprint()
                    + " (" + certificate.subject() + "): " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Whether {@code encryptedElement} is encrypted to the current encryption certificate with RSA-OAEP. Keys
     * under an older certificate, or written by .NET with RSA PKCS#1 v1.5, are not current.
     */
    @Override
    public boolean isCurrent(Element encryptedElement) {
        String thumbprint = source.certificates().encryptionCertificate().thumbprint();
        NodeList methods = encryptedElement.getElementsByTagNameNS(XMLENC_NS, "EncryptionMethod");
        boolean oaep = false;
        for (int i = 0; i < methods.getLength(); i++) {
            oaep |= RSA_OAEP_MGF1P.equals(((Element) methods.item(i)).getAttribute("Algorithm"));
        }
        NodeList certificates = encryptedElement.getElementsByTagNameNS(XMLDSIG_NS, "X509Certificate");
        for (int i = 0; oaep && i < certificates.getLength(); i++) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(certificates.item(i).getTextContent().strip());
                if (thumbprint.equals(CertificateWithKey.thumbprintOfDer(der))) {
                    return true;
                }
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    /** The certificate new keys are encrypted with now, for health checks and logs. */
    public CertificateDescription encryptingCertificate() {
        return source.certificates().encryptionCertificate().describe();
    }

    /** Never throws: when the certificates could not be loaded, says so instead of naming the certificate. */
    @Override
    public String description() {
        try {
            return "X.509 " + encryptingCertificate() + " from " + source.description();
        } catch (CertificateSourceException e) {
            return "X.509 certificate from " + source.description() + " (not loaded)";
        }
    }

    private byte[] transportKey(byte[] sessionKey, CertificateWithKey certificate) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, certificate.certificate().getPublicKey(), random);
        return rsa.doFinal(sessionKey);
    }

    private byte[] encryptContent(byte[] plaintext, byte[] sessionKey) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        // ISO 10126 as .NET's EncryptedXml: random filler, last byte = pad length; any XML Encryption reader accepts it.
        Cipher aes = Cipher.getInstance("AES/CBC/ISO10126Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new IvParameterSpec(iv), random);
        byte[] ciphertext = aes.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, IV_BYTES + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, IV_BYTES, ciphertext.length);
        return out;
    }

    private static Element encryptedData(CertificateWithKey certificate, byte[] encryptedKey, byte[] cipherValue)
            throws CertificateEncodingException {
        Document doc = XmlEncryptionSupport.newDocument();
        Element data = element(doc, XMLENC_NS, "EncryptedData");
        data.setAttributeNS(null, "Type", TYPE_ELEMENT);
        doc.appendChild(data);
        data.appendChild(encryptionMethod(doc, AES256_CBC));
        Element keyInfo = element(doc, XMLDSIG_NS, "KeyInfo");
        data.appendChild(keyInfo);
        Element key = element(doc, XMLENC_NS, "EncryptedKey");
        keyInfo.appendChild(key);
        key.appendChild(encryptionMethod(doc, RSA_OAEP_MGF1P));
        Element certInfo = element(doc, XMLDSIG_NS, "KeyInfo");
        key.appendChild(certInfo);
        Element x509Data = child(doc, certInfo, XMLDSIG_NS, "X509Data");
        child(doc, x509Data, XMLDSIG_NS, "X509Certificate")
                .setTextContent(Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()));
        cipherData(doc, key, encryptedKey);
        cipherData(doc, data, cipherValue);
        return data;
    }

    /** An element declaring its namespace as the default one, as .NET's XmlDocument writes XML Encryption. */
    private static Element element(Document doc, String namespace, String name) {
        Element element = doc.createElementNS(namespace, name);
        element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", namespace);
        return element;
    }

    private static Element child(Document doc, Element parent, String namespace, String name) {
        Element element = doc.createElementNS(namespace, name);
        parent.appendChild(element);
        return element;
    }

    private static Element encryptionMethod(Document doc, String algorithm) {
        Element method = doc.createElementNS(XMLENC_NS, "EncryptionMethod");
        method.setAttributeNS(null, "Algorithm", algorithm);
        return method;
    }

    private static void cipherData(Document doc, Element parent, byte[] value) {
        Element cipherData = child(doc, parent, XMLENC_NS, "CipherData");
        child(doc, cipherData, XMLENC_NS, "CipherValue").setTextContent(Base64.getEncoder().encodeToString(value));
    }
}
