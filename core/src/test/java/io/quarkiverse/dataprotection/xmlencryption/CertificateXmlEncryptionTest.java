package io.quarkiverse.dataprotection.xmlencryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;

public class CertificateXmlEncryptionTest {

    static final String DP_NS = "http://schemas.asp.net/2015/03/dataProtection";
    static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    public static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String MASTER_KEY_XML = "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"" + DP_NS + "\">"
            + "<!-- Warning: the key below is in an unencrypted form. -->"
            + "<value>VGhpcyBpcyBub3QgYSByZWFsIGtleSBidXQgaXQgaXMgNjQgYnl0ZXMgbG9uZyBmb3IgdGVzdGluZyBwdXJwb3NlcyE=</value>"
            + "</masterKey>";

    static CertificateWithKey certA;
    static CertificateWithKey certB;
    static CertificateWithKey certC;

    @BeforeAll
    static void certificates() {
        certA = TestCertificates.generate("data-protection-A");
        certB = TestCertificates.generate("data-protection-B");
        certC = TestCertificates.generate("data-protection-C");
    }

    @Test
    void roundTrip_decryptorHoldingTheCertificate_returnsTheMasterKeyElement() throws Exception {
        EncryptedXmlInfo info = new CertificateXmlEncryptor(certA).encrypt(masterKey());

        Element decrypted = EncryptedXmlDecryptor.of(certA).decrypt(info.encryptedElement());

        assertThat(decrypted.getLocalName()).isEqualTo("masterKey");
        assertThat(decrypted.getNamespaceURI()).isNull();
        assertThat(decrypted.getAttributeNS(DP_NS, "requiresEncryption")).isEqualTo("true");
        assertThat(decrypted.getElementsByTagName("value").item(0).getTextContent())
                .isEqualTo(masterKey().getElementsByTagName("value").item(0).getTextContent());
    }

    @Test
    void masterKeyBuiltWithoutXmlnsAttributes_roundTripsWithItsNamespace() throws Exception {
        // Key XML writers may build the element with createElementNS only; serialization must declare p1 itself.
        org.w3c.dom.Document doc = XmlEncryptionSupport.newDocument();
        Element masterKey = doc.createElementNS(null, "masterKey");
        masterKey.setAttributeNS(DP_NS, "p1:requiresEncryption", "true");
        masterKey.appendChild(doc.createElementNS(null, "value")).setTextContent("AAAA");
        doc.appendChild(masterKey);

        Element decrypted = EncryptedXmlDecryptor.of(certA)
                .decrypt(new CertificateXmlEncryptor(certA).encrypt(masterKey).encryptedElement());

        assertThat(decrypted.getAttributeNS(DP_NS, "requiresEncryption")).isEqualTo("true");
        assertThat(decrypted.getTextContent()).isEqualTo("AAAA");
    }

    @Test
    void decryptionOnlyCertificates_amongSeveral_decrypt() throws Exception {
        EncryptedXmlInfo info = new CertificateXmlEncryptor(certA).encrypt(masterKey());
        CertificateSet set = new CertificateSet(CertificateWithKey.publicOnly(certB.certificate()),
                java.util.List.of(certC, certA));

        Element decrypted = new EncryptedXmlDecryptor(CertificateSource.of(set)).decrypt(info.encryptedElement());

        assertThat(decrypted.getLocalName()).isEqualTo("masterKey");
    }

    @Test
    void decryptorHoldingOnlyAnotherCertificate_failsNamingTheNeededThumbprintAndSubject() throws Exception {
        EncryptedXmlInfo info = new CertificateXmlEncryptor(certA).encrypt(masterKey());

        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(certB).decrypt(info.encryptedElement()))
                .isInstanceOf(KeyDecryptionException.class)
                .hasMessageContaining(certA.thumbprint())
                .hasMessageContaining("CN=data-protection-A")
                .hasMessageNotContaining("VGhpcyBp");
    }

    @Test
    void certificateWithoutPrivateKey_cannotDecrypt() throws Exception {
        EncryptedXmlInfo info = new CertificateXmlEncryptor(certA).encrypt(masterKey());
        EncryptedXmlDecryptor decryptor = EncryptedXmlDecryptor
                .of(CertificateWithKey.publicOnly(certA.certificate()));

        assertThatThrownBy(() -> decryptor.decrypt(info.encryptedElement()))
                .isInstanceOf(KeyDecryptionException.class).hasMessageContaining(certA.thumbprint());
    }

    @Test
    void producedXml_hasAspNetShape_withOaepKeyTransportAndTheWholeCertificate() throws Exception {
        EncryptedXmlInfo info = new CertificateXmlEncryptor(certA).encrypt(masterKey());
        Element data = info.encryptedElement();

        assertThat(info.decryptorType()).isEqualTo("Microsoft.AspNetCore.DataProtection.XmlEncryption."
                + "EncryptedXmlDecryptor, Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, "
                + "PublicKeyToken=adb9793829ddae60");
        assertThat(qname(data)).isEqualTo("{" + XENC + "}EncryptedData");
        assertThat(data.getAttribute("Type")).isEqualTo(XENC + "Element");
        Element[] top = children(data);
        assertThat(top).extracting(CertificateXmlEncryptionTest::qname).containsExactly("{" + XENC + "}EncryptionMethod",
                "{" + DSIG + "}KeyInfo", "{" + XENC + "}CipherData");
        assertThat(top[0].getAttribute("Algorithm")).isEqualTo(XENC + "aes256-cbc");
        Element encryptedKey = children(top[1])[0];
        assertThat(children(top[1])).hasSize(1);
        Element[] keyChildren = children(encryptedKey);
        assertThat(keyChildren).extracting(CertificateXmlEncryptionTest::qname).containsExactly(
                "{" + XENC + "}EncryptionMethod", "{" + DSIG + "}KeyInfo",
                "{" + XENC + "}CipherData");
        assertThat(qname(encryptedKey)).isEqualTo("{" + XENC + "}EncryptedKey");
        assertThat(keyChildren[0].getAttribute("Algorithm")).isEqualTo(XENC + "rsa-oaep-mgf1p");
        assertThat(children(keyChildren[0])).as("no DigestMethod: .NET always uses SHA-1").isEmpty();
        Element x509Data = children(keyChildren[1])[0];
        assertThat(qname(x509Data)).isEqualTo("{" + DSIG + "}X509Data");
        Element x509Certificate = children(x509Data)[0];
        assertThat(qname(x509Certificate)).isEqualTo("{" + DSIG + "}X509Certificate");
        assertThat(Base64.getDecoder().decode(x509Certificate.getTextContent()))
                .isEqualTo(certA.certificate().getEncoded());
        byte[] wrappedKey = Base64.getDecoder().decode(children(keyChildren[2])[0].getTextContent());
        assertThat(wrappedKey).hasSize(256);
        byte[] cipherValue = Base64.getDecoder().decode(children(top[2])[0].getTextContent());
        assertThat(cipherValue.length % 16).isZero();
        assertThat(cipherValue.length).isGreaterThanOrEqualTo(16 + MASTER_KEY_XML.length());

        String xml = toXml(data);
        assertThat(xml).startsWith("<EncryptedData xmlns=\"" + XENC + "\" Type=\"" + XENC + "Element\">")
                .contains("<KeyInfo xmlns=\"" + DSIG + "\"><EncryptedKey xmlns=\"" + XENC + "\">")
                .doesNotContain("VGhpcyBp");
    }

    @Test
    void producedXml_decryptsTheWayDotNetDecrypts() throws Exception {
        // .NET: EncryptedXml.DecryptKey(cipher, rsa, useOAEP: algorithm == XmlEncRSAOAEPUrl) -> OaepSHA1; then
        // AES-256-CBC with the first 16 bytes as IV and ISO10126 unpadding (only the last byte is read).
        Element data = new CertificateXmlEncryptor(certA).encrypt(masterKey()).encryptedElement();
        Element[] top = children(data);
        Element encryptedKey = children(top[1])[0];
        assertThat(children(encryptedKey)[0].getAttribute("Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p");
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, certA.privateKey().orElseThrow(), new javax.crypto.spec.OAEPParameterSpec("SHA-1",
                "MGF1", java.security.spec.MGF1ParameterSpec.SHA1, javax.crypto.spec.PSource.PSpecified.DEFAULT));
        byte[] aesKey = rsa.doFinal(Base64.getDecoder().decode(children(children(encryptedKey)[2])[0].getTextContent()));
        byte[] cipherValue = Base64.getDecoder().decode(children(top[2])[0].getTextContent());
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(cipherValue, 0, 16));
        byte[] padded = aes.doFinal(cipherValue, 16, cipherValue.length - 16);
        int pad = padded[padded.length - 1];
        String plaintext = new String(padded, 0, padded.length - pad, java.nio.charset.StandardCharsets.UTF_8);

        assertThat(aesKey).hasSize(32);
        assertThat(pad).isBetween(1, 16);
        assertThat(plaintext).startsWith("<masterKey").contains("requiresEncryption=\"true\"")
                .contains("xmlns:p4=\"" + DP_NS + "\"").contains("<value>VGhpcyBp").endsWith("</masterKey>");
    }

    @Test
    void twoEncryptions_useFreshSessionKeysAndIvs() throws Exception {
        CertificateXmlEncryptor encryptor = new CertificateXmlEncryptor(certA);
        String first = toXml(encryptor.encrypt(masterKey()).encryptedElement());
        String second = toXml(encryptor.encrypt(masterKey()).encryptedElement());

        assertThat(cipherValues(first)).doesNotContainAnyElementsOf(Arrays.asList(cipherValues(second)));
    }

    @Test
    void dotNetStyleEncryptedData_rsa15AndRandomIso10126Filler_decrypts() throws Exception {
        String xml = dotNetStyleEncryptedData(certA);

        Element decrypted = EncryptedXmlDecryptor.of(certB, certA).decrypt(XmlEncryptionSupport.parse(xml));

        assertThat(toXml(decrypted)).contains("<value>VGhpcyBp");
        assertThat(decrypted.getAttributeNS(DP_NS, "requiresEncryption")).isEqualTo("true");
    }

    @Test
    void indentedXmlWithWrappedBase64_asInFileSystemKeyFiles_decrypts() throws Exception {
        // .NET's FileSystemXmlRepository saves indented XML; base64 may be wrapped by other writers.
        String compact = dotNetStyleEncryptedData(certA);
        String indented = compact.replace("><", ">\n    <");
        java.util.regex.Matcher values = java.util.regex.Pattern.compile("<CipherValue>([^<]+)</CipherValue>")
                .matcher(indented);
        StringBuilder wrapped = new StringBuilder();
        while (values.find()) {
            String value = values.group(1).replaceAll("(.{76})", "$1\r\n      ");
            values.appendReplacement(wrapped, "<CipherValue>\n      " + value + "\n    </CipherValue>");
        }
        values.appendTail(wrapped);

        Element decrypted = EncryptedXmlDecryptor.of(certA).decrypt(XmlEncryptionSupport.parse(wrapped.toString()));

        assertThat(toXml(decrypted)).contains("<value>VGhpcyBp");
    }

    @Test
    void tamperedCipherValue_failsWithoutSayingWhichCheckFailed() throws Exception {
        Element data = new CertificateXmlEncryptor(certA).encrypt(masterKey()).encryptedElement();
        Element cipherValue = (Element) data.getElementsByTagNameNS(XENC, "CipherValue").item(1);
        byte[] bytes = Base64.getDecoder().decode(cipherValue.getTextContent());
        bytes[bytes.length - 1] ^= 0x5A;
        cipherValue.setTextContent(Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(certA).decrypt(data))
                .isInstanceOf(KeyDecryptionException.class).hasNoCause()
                .hasMessageNotContaining("adding").hasMessageContaining(certA.thumbprint());
    }

    @Test
    void unsupportedAlgorithms_areRejected() throws Exception {
        String xml = toXml(new CertificateXmlEncryptor(certA).encrypt(masterKey()).encryptedElement());

        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(certA)
                .decrypt(XmlEncryptionSupport.parse(xml.replace("aes256-cbc", "aes128-cbc"))))
                .isInstanceOf(KeyDecryptionException.class).hasMessageContaining("aes128-cbc");
        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(certA)
                .decrypt(XmlEncryptionSupport.parse(xml.replace("xmlenc#rsa-oaep-mgf1p\"/>",
                        "xmlenc#rsa-oaep-mgf1p\"><DigestMethod xmlns=\"" + DSIG + "\" Algorithm=\""
                                + "http://www.w3.org/2001/04/xmlenc#sha256\"/></EncryptionMethod>"))))
                .isInstanceOf(KeyDecryptionException.class).hasMessageContaining("SHA-1");
        assertThatThrownBy(() -> EncryptedXmlDecryptor.of(certA).decrypt(XmlEncryptionSupport.parse("<value/>")))
                .isInstanceOf(KeyDecryptionException.class).hasMessageContaining("EncryptedData");
    }

    @Test
    void supports_onlyAspNetsEncryptedXmlDecryptorTypeName() {
        EncryptedXmlDecryptor decryptor = EncryptedXmlDecryptor.of(certA);

        assertThat(decryptor.supports("Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor")).isTrue();
        assertThat(decryptor.supports("Microsoft.AspNetCore.DataProtection.XmlEncryption.DpapiNGXmlDecryptor")).isFalse();
    }

    @Test
    void description_namesTheEncryptingCertificate_andWarnsBeforeExpiry() {
        CertificateWithKey shortLived = TestCertificates.generate("short-lived", Duration.ofDays(10));
        CertificateXmlEncryptor encryptor = new CertificateXmlEncryptor(shortLived);

        CertificateDescription description = encryptor.encryptingCertificate();

        assertThat(description.thumbprint()).isEqualTo(shortLived.thumbprint()).matches("[0-9A-F]{40}");
        assertThat(description.subject()).isEqualTo("CN=short-lived");
        assertThat(description.expiresWithin(Duration.ofDays(30))).isTrue();
        assertThat(description.expiresWithin(Duration.ofDays(5))).isFalse();
        assertThat(description.expiresWithin(Duration.ofDays(5), Instant.now().plus(Duration.ofDays(6)))).isTrue();
        assertThat(encryptor.description()).contains(shortLived.thumbprint()).doesNotContain("PRIVATE");
    }

    /**
     * What .NET's EncryptedXml.Encrypt(element, certificate) writes, built here with the JCA: RSA PKCS#1 v1.5 key
     * transport, AES-256-CBC, IV || ciphertext, ISO 10126 padding with random filler bytes.
     */
    static String dotNetStyleEncryptedData(CertificateWithKey recipient) throws Exception {
        return dotNetStyleEncryptedData(recipient, MASTER_KEY_XML);
    }

    /** As {@link #dotNetStyleEncryptedData(CertificateWithKey)} for any plaintext element. */
    static String dotNetStyleEncryptedData(CertificateWithKey recipient, String plaintextXml) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] aesKey = new byte[32];
        random.nextBytes(aesKey);
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        byte[] plaintext = plaintextXml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int pad = 16 - plaintext.length % 16;
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + pad);
        byte[] filler = new byte[pad - 1];
        random.nextBytes(filler);
        filler[0] = (byte) (pad + 1); // make sure the filler is not PKCS#7-shaped
        System.arraycopy(filler, 0, padded, plaintext.length, pad - 1);
        padded[padded.length - 1] = (byte) pad;
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
        byte[] ciphertext = aes.doFinal(padded);
        byte[] cipherValue = Arrays.copyOf(iv, 16 + ciphertext.length);
        System.arraycopy(ciphertext, 0, cipherValue, 16, ciphertext.length);
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, recipient.certificate().getPublicKey());
        byte[] wrapped = rsa.doFinal(aesKey);
        return "<EncryptedData Type=\"http://www.w3.org/2001/04/xmlenc#Element\" xmlns=\"" + XENC + "\">"
                + "<EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\" />"
                + "<KeyInfo xmlns=\"" + DSIG + "\"><EncryptedKey xmlns=\"" + XENC + "\">"
                + "<EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-1_5\" />"
                + "<KeyInfo xmlns=\"" + DSIG + "\"><X509Data><X509Certificate>"
                + Base64.getEncoder().encodeToString(recipient.certificate().getEncoded())
                + "</X509Certificate></X509Data></KeyInfo>"
                + "<CipherData><CipherValue>" + Base64.getEncoder().encodeToString(wrapped) + "</CipherValue></CipherData>"
                + "</EncryptedKey></KeyInfo>"
                + "<CipherData><CipherValue>" + Base64.getEncoder().encodeToString(cipherValue) + "</CipherValue></CipherData>"
                + "</EncryptedData>";

    }

    @Test
    void isCurrent_onlyForOaepToTheCurrentCertificate() throws Exception {
        Element underA = new CertificateXmlEncryptor(certA).encrypt(masterKey()).encryptedElement();

        assertThat(new CertificateXmlEncryptor(certA).isCurrent(underA)).isTrue();
        assertThat(new CertificateXmlEncryptor(certB).isCurrent(underA)).isFalse();
        assertThat(new CertificateXmlEncryptor(certA)
                .isCurrent(XmlEncryptionSupport.parse(dotNetStyleEncryptedData(certA)))).as("rsa-1_5 is upgraded")
                .isFalse();
    }

    public static Element masterKey() throws Exception {
        return XmlEncryptionSupport.parse(MASTER_KEY_XML);
    }

    static String qname(Element element) {
        return "{" + element.getNamespaceURI() + "}" + element.getLocalName();
    }

    static Element[] children(Element parent) {
        java.util.List<Element> out = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out.toArray(Element[]::new);
    }

    static String toXml(Element element) throws Exception {
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(element), new StreamResult(out));
        return out.toString();
    }

    private static String[] cipherValues(String xml) {
        return java.util.regex.Pattern.compile("<CipherValue>([^<]+)</CipherValue>").matcher(xml).results()
                .map(m -> m.group(1)).toArray(String[]::new);
    }
}
