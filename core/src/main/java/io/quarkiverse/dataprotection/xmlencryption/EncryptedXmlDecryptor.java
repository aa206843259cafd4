package io.quarkiverse.dataprotection.xmlencryption;

import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.AES256_CBC;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.RSA_1_5;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.RSA_OAEP_MGF1P;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.SHA1;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.TYPE_ELEMENT;
import static io.quarkiverse.dataprotection.xmlencryption.XmlEncryptionSupport.XMLENC_NS;

import java.io.IOException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.xml.security.encryption.CipherData;
import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.EncryptionMethod;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.keys.content.X509Data;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;

/**
 * Decrypts what ASP.NET Core's {@code CertificateXmlEncryptor} and this library's {@link CertificateXmlEncryptor}
 * wrote ({@code decryptorType} {@code Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor}), with
 * Apache Santuario as the XML Encryption reader.
 * <p>
 * As .NET's {@code XmlKeyDecryptionOptions}, the certificate is chosen by comparing the thumbprint (SHA-1 of the
 * DER) of each certificate in the {@code EncryptedKey}'s {@code X509Data} with every decryption certificate of the
 * {@link CertificateSource}: the current one, older versions, and extra decryption-only ones. Only what .NET and this
 * library write is accepted: {@code EncryptedData} of type {@code xmlenc#Element} with {@code aes256-cbc} (any ISO
 * 10126 filler), one {@code EncryptedKey} with {@code rsa-oaep-mgf1p} (SHA-1, no parameters) or {@code rsa-1_5}.
 * <p>
 * Errors name the certificate that would be needed (thumbprint and subject), never key material, and do not say
 * which cryptographic check failed. Thread-safe; reads only the source's cached certificates, never does I/O.
 */
public final class EncryptedXmlDecryptor implements KeyDecryptor {

    private static final Logger LOG = Logger.getLogger(EncryptedXmlDecryptor.class);

    static {
        org.apache.xml.security.Init.init();
    }

    private final CertificateSource source;

    /** Decrypts with every decryption certificate of {@code source}, as loaded or last refreshed. */
    public EncryptedXmlDecryptor(CertificateSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Decrypts with these certificates (those without private key are ignored). */
    public static EncryptedXmlDecryptor of(CertificateWithKey first, CertificateWithKey... more) {
        return new EncryptedXmlDecryptor(CertificateSource.of(new CertificateSet(first, List.of(more))));
    }

    @Override
    public boolean supports(String decryptorTypeName) {
        return XmlEncryptionSupport.DECRYPTOR_TYPE_NAME.equals(decryptorTypeName);
    }

    /**
     * {@inheritDoc}
     * <p>
     * Whatever {@code encryptedElement} holds, only a {@link KeyDecryptionException} (or the
     * {@link CertificateSourceException} of a source that cannot load) leaves this method, a
     * {@link VirtualMachineError} apart; its message never quotes the XML. A {@code CipherReference} is refused
     * before anything is resolved, and the decrypted element may be nested at most 64 levels deep.
     */
    @Override
    public Element decrypt(Element encryptedElement) {
        Objects.requireNonNull(encryptedElement, "encryptedElement");
        try {
            return decryptChecked(encryptedElement);
        } catch (DataProtectionException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Santuario or the DOM tripping over a shape it did not expect; its message may quote the XML.
            LOG.debugf("Reading an <EncryptedData> element failed: %s", e.getClass().getName());
            throw malformed("it cannot be read (" + e.getClass().getName() + ")");
        }
    }

    private Element decryptChecked(Element encryptedElement) {
        if (!XMLENC_NS.equals(encryptedElement.getNamespaceURI())
                || !"EncryptedData".equals(encryptedElement.getLocalName())) {
            throw new KeyDecryptionException("Expected an XML Encryption <EncryptedData> element in namespace "
                    + XMLENC_NS + ", found another element");
        }
        Document doc = XmlEncryptionSupport.newDocument();
        Element encryptedData = (Element) doc.importNode(encryptedElement, true);
        doc.appendChild(encryptedData);
        EncryptedKey encryptedKey = encryptedKey(doc, encryptedData);
        List<X509Certificate> recipients = recipients(encryptedKey);
        CertificateWithKey certificate = findCertificate(recipients);
        PrivateKey privateKey = certificate.privateKey().orElseThrow();
        byte[] plaintext;
        try {
            XMLCipher keyCipher = XMLCipher.getInstance();
            keyCipher.init(XMLCipher.UNWRAP_MODE, privateKey);
            Key sessionKey = keyCipher.decryptKey(encryptedKey, AES256_CBC);
            XMLCipher dataCipher = XMLCipher.getInstance();
            dataCipher.init(XMLCipher.DECRYPT_MODE, sessionKey);
            plaintext = dataCipher.decryptToByteArray(encryptedData);
        } catch (XMLSecurityException | RuntimeException e) {
            // The cause stays out: which step failed (RSA padding, CBC padding) is not for callers to learn.
            LOG.debugf("Key decryption with certificate %s failed: %s", certificate.thumbprint(),
                    e.getClass().getName());
            throw new KeyDecryptionException("Cannot decrypt a key with certificate " + certificate.thumbprint()
                    + " (" + certificate.subject() + "): the private key does not match or the data is corrupt");
        }
        try {
            return XmlEncryptionSupport.parse(plaintext);
        } catch (SAXException | IOException e) {
            throw new KeyDecryptionException("A key decrypted with certificate " + certificate.thumbprint()
                    + " is not well-formed XML, or has elements nested deeper than "
                    + XmlEncryptionSupport.MAX_DEPTH + " levels");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "EncryptedXmlDecryptor[" + source.description() + "]";
    }

    private static EncryptedKey encryptedKey(Document doc, Element element) {
        try {
            XMLCipher loader = XMLCipher.getInstance();
            loader.init(XMLCipher.DECRYPT_MODE, null);
            EncryptedData data = loader.loadEncryptedData(doc, element);
            requireAlgorithm("EncryptedData", data.getEncryptionMethod(), AES256_CBC);
            if (!TYPE_ELEMENT.equals(data.getType())) {
                throw malformed("EncryptedData Type must be " + TYPE_ELEMENT);
            }
            requireCipherValue("EncryptedData", data.getCipherData());
            KeyInfo keyInfo = data.getKeyInfo();
            EncryptedKey key = keyInfo == null ? null : keyInfo.itemEncryptedKey(0);
            if (key == null) {
                throw malformed("EncryptedData has no KeyInfo/EncryptedKey");
            }
            EncryptionMethod method = key.getEncryptionMethod();
            requireAlgorithm("EncryptedKey", method, RSA_OAEP_MGF1P, RSA_1_5);
            if (RSA_OAEP_MGF1P.equals(method.getAlgorithm())) {
                requireDotNetOaep(method);
            }
            requireCipherValue("EncryptedKey", key.getCipherData());
            // rsa-1_5 is read because .NET's CertificateXmlEncryptor writes it (EncryptedXml.Encrypt(element,
            // certificate) uses XmlEncRSA15Url), and keys written by .NET must stay readable. It is never written:
            // PKCS#1 v1.5 decryption is a padding oracle for whoever can submit ciphertexts and observe failures.
            // Here the ciphertexts come from the key store, and failures are reported without detail.
            return key;
        } catch (XMLSecurityException e) {
            // Santuario's message may quote the element; its class says enough.
            throw malformed("it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * .NET writes the ciphertext inline. A {@code CipherReference} would make this decryptor fetch a URI chosen by
     * whoever wrote the store, so it is refused before Santuario resolves anything.
     */
    private static void requireCipherValue(String what, CipherData cipherData) {
        if (cipherData == null || cipherData.getDataType() != CipherData.VALUE_TYPE || cipherData.getCipherValue() == null) {
            throw malformed(what + " must hold its ciphertext in CipherData/CipherValue (a CipherReference is not supported)");
        }
    }

    private static void requireAlgorithm(String what, EncryptionMethod method, String... allowed) {
        String algorithm = method == null ? null : method.getAlgorithm();
        if (!List.of(allowed).contains(algorithm)) {
            throw malformed(what + " EncryptionMethod " + XmlEncryptionSupport.describeUri(algorithm)
                    + " is not supported; expected one of " + List.of(allowed));
        }
    }

    /** .NET's OAEP is SHA-1 with MGF1-SHA-1 and an empty label whatever the XML says; refuse anything else. */
    private static void requireDotNetOaep(EncryptionMethod method) {
        String digest = method.getDigestAlgorithm();
        byte[] params = method.getOAEPparams();
        if ((digest != null && !SHA1.equals(digest)) || (params != null && params.length > 0)
                || method.getMGFAlgorithm() != null) {
            throw malformed("EncryptedKey rsa-oaep-mgf1p must use SHA-1 without MGF or OAEP parameters, as .NET does");
        }
    }

    private static List<X509Certificate> recipients(EncryptedKey key) {
        List<X509Certificate> certificates = new ArrayList<>();
        KeyInfo keyInfo = key.getKeyInfo();
        try {
            for (int i = 0; keyInfo != null && i < keyInfo.lengthX509Data(); i++) {
                X509Data data = keyInfo.itemX509Data(i);
                for (int j = 0; j < data.lengthCertificate(); j++) {
                    certificates.add(data.itemCertificate(j).getX509Certificate());
                }
            }
        } catch (XMLSecurityException e) {
            throw malformed("the EncryptedKey's X509Certificate cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (certificates.isEmpty()) {
            throw malformed("EncryptedKey has no KeyInfo/X509Data/X509Certificate naming the certificate to decrypt with");
        }
        return certificates;
    }

    private CertificateWithKey findCertificate(List<X509Certificate> recipients) {
        CertificateSet certificates = source.certificates();
        for (X509Certificate recipient : recipients) {
            Optional<CertificateWithKey> found = certificates
                    .findDecryptionCertificate(CertificateWithKey.thumbprintOf(recipient));
            if (found.isPresent()) {
                return found.get();
            }
        }
        X509Certificate needed = recipients.get(0);
        throw new KeyDecryptionException("The key was encrypted to certificate "
                + CertificateWithKey.thumbprintOf(needed) + " (" + needed.getSubjectX500Principal().getName()
                + ", expires " + needed.getNotAfter().toInstant() + "), whose private key is not among the "
                + certificates.decryptionCertificates().size() + " decryption certificate(s) of "
                + source.description() + ". Add that certificate (with its private key) as a decryption certificate");
    }

    private static KeyDecryptionException malformed(String message) {
        return new KeyDecryptionException("Unsupported XML Encryption <EncryptedData>: " + message);
    }
}
