package io.quarkiverse.dataprotection.xmlencryption;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Set;

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
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** XML Encryption names and hardened DOM helpers shared by the certificate encryptor and decryptor. */
final class XmlEncryptionSupport {

    static final String XMLENC_NS = "http://www.w3.org/2001/04/xmlenc#";
    static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    static final String XMLENC11_NS = "http://www.w3.org/2009/xmlenc11#";
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

    /** The deepest nesting a decrypted element may have, as for stored elements ({@code KeyXml.MAX_DEPTH}). */
    static final int MAX_DEPTH = 64;

    /** Algorithms of XML Encryption 1.0 and 1.1 that a writer might use: these are named in messages. */
    private static final Set<String> KNOWN_ALGORITHMS = Set.of(
            XMLENC_NS + "tripledes-cbc", XMLENC_NS + "aes128-cbc", XMLENC_NS + "aes192-cbc", AES256_CBC, RSA_1_5,
            RSA_OAEP_MGF1P, XMLENC_NS + "kw-aes128", XMLENC_NS + "kw-aes192", XMLENC_NS + "kw-aes256",
            XMLENC_NS + "kw-tripledes", XMLENC_NS + "sha256", XMLENC_NS + "sha512",
            XMLENC11_NS + "aes128-gcm", XMLENC11_NS + "aes192-gcm", XMLENC11_NS + "aes256-gcm", XMLENC11_NS + "rsa-oaep");

    private XmlEncryptionSupport() {
    }

    static Document newDocument() {
        return builder().newDocument();
    }

    /**
     * An algorithm URI fit for a message: a known XML Encryption algorithm is named, anything else is text from the
     * store (an attacker's, perhaps with line breaks) and is not quoted.
     */
    static String describeUri(String uri) {
        if (uri == null) {
            return "(none)";
        }
        return KNOWN_ALGORITHMS.contains(uri) ? uri : "(an unknown algorithm)";
    }

    /** Parses decrypted bytes; no DTD, no external entity, no XInclude, at most {@value #MAX_DEPTH} levels deep. */
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
            // The JDK's own parser, whatever a library on the class path registers: its limits are the ones tested.
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // Deferred nodes are expanded recursively on first access; decrypted keys are small, so build them at once.
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // Enforced while parsing: whoever holds the public certificate can encrypt any tree to it.
            factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("The JDK XML parser does not support secure processing", e);
        }
    }

    /** Fails on errors instead of printing them to stderr, as the default handler does. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not a reason to refuse the input
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
