package io.quarkiverse.dataprotection.runtime.devui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.xmlencryption.CertificateWithKey;

/**
 * Says how each stored key's master key is protected at rest — unencrypted, to which certificate (thumbprint and
 * subject), or by which other decryptor — from the stored key elements. Only those public facts leave this class:
 * never XML, never a secret. Stateless.
 */
final class KeyEncryptionDescriptions {

    static final String NOT_ENCRYPTED = "not encrypted";
    private static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

    private KeyEncryptionDescriptions() {
    }

    /** A description per key id found among {@code elements}; elements that are not readable keys are skipped. */
    static Map<UUID, String> of(List<StoredElement> elements) {
        Map<UUID, String> descriptions = new HashMap<>();
        DocumentBuilder parser = parser();
        for (StoredElement element : elements) {
            if (!element.isReadable()) {
                continue;
            }
            try {
                Element root = parser.parse(new InputSource(new StringReader(element.xml()))).getDocumentElement();
                if ("key".equals(root.getLocalName()) && !root.getAttribute("id").isEmpty()) {
                    descriptions.put(UUID.fromString(root.getAttribute("id")), describe(root));
                }
            } catch (SAXException | IOException | IllegalArgumentException unreadable) {
                // the key ring reports unreadable elements itself
            }
        }
        return descriptions;
    }

    private static String describe(Element key) {
        NodeList secrets = key.getElementsByTagNameNS("*", "encryptedSecret");
        if (secrets.getLength() == 0) {
            return NOT_ENCRYPTED;
        }
        Element secret = (Element) secrets.item(0);
        NodeList certificates = secret.getElementsByTagNameNS(XMLDSIG_NS, "X509Certificate");
        if (certificates.getLength() > 0) {
            return certificate(certificates.item(0).getTextContent());
        }
        String type = secret.getAttribute("decryptorType");
        // the .NET type name without its assembly, e.g. DpapiNGXmlDecryptor
        String simple = type.split(",")[0].strip();
        return "decryptor " + simple.substring(simple.lastIndexOf('.') + 1);
    }

    private static String certificate(String base64) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64.strip())));
            return "certificate " + CertificateWithKey.thumbprintOf(certificate) + " ("
                    + certificate.getSubjectX500Principal().getName() + ")";
        } catch (CertificateException | IllegalArgumentException e) {
            return "certificate (unreadable)";
        }
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No secure XML parser: " + e.getMessage(), e);
        }
    }
}
