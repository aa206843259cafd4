package io.quarkiverse.dataprotection.xmlencryption;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** XML Encryption names and hardened DOM helpers shared by the certificate encryptor and decryptor. */
final class XmlEncryptionSupport {

    static final String XMLENC_NS = "http://www.w3.org/2001/04/xmlenc#";
    static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    static final String TYPE_ELEMENT = XMLENC_NS + "Element";
    static final String AES256_CBC = XMLENC_NS + "aes256-cbc";
    /** RSA-OAEP, SHA-1 digest, MGF1 with SHA-1, no parameters: .NET's {@code EncryptedXml.XmlEncRSAOAEPUrl}. */
    static final String RSA_OAEP_MGF1P = XMLENC_NS + "rsa-oaep-mgf1p";
    /** RSA PKCS#1 v1.5: what .NET's {@code EncryptedXml.Encrypt(element, certificate)} writes. Read only. */
    static final String RSA_1_5 = XMLENC_NS + "rsa-1_5";
    static final String SHA1 = XMLDSIG_NS + "sha1";

    /** The .NET type that reverses {@link CertificateXmlEncryptor}, without the assembly part. */
    static final String DECRYPTOR_TYPE_NAME = "Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor";
    /** Assembly-qualified as ASP.NET writes it; the version is ignored when .NET resolves the type. */
    static final String DECRYPTOR_TYPE = DECRYPTOR_TYPE_NAME
            + ", Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";

    private XmlEncryptionSupport() {
    }

    static Document newDocument() {
        return builder().newDocument();
    }

    /** Parses decrypted bytes; no DTD, no external entity, no XInclude. */
    static Element parse(byte[] xml) throws SAXException, IOException {
        return builder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }

    static Element parse(String xml) throws SAXException, IOException {
        return builder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    /**
     * Serializes {@code element} on its own as UTF-8 without XML declaration, declaring every namespace it uses
     * (the element may come from a document built with {@code createElementNS} only, without {@code xmlns}
     * attributes), as .NET's {@code XmlElement.OuterXml} of an element loaded from an {@code XElement}.
     */
    static byte[] serialize(Element element) {
        Document copy = newDocument();
        copy.appendChild(copy.importNode(element, true));
        copy.normalizeDocument();
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(copy), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialize the <" + element.getLocalName() + "> element", e);
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser does not support secure processing", e);
        }
    }
}
