package io.quarkiverse.dataprotection.internal.xml;

import io.quarkiverse.dataprotection.keys.Key;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Namespace-aware DOM parsing that refuses DTDs (so no entity expansion, internal or external), external resources
 * and XInclude. Errors never carry the parser's message, which may quote the input (an unencrypted key, perhaps).
 * <p>
 * Thread-safety: one {@link DocumentBuilder} per thread.
 */
public final class SecureXml {

    public static final String DP_NAMESPACE = "http://schemas.asp.net/2015/03/dataProtection";

    private static final DocumentBuilderFactory FACTORY = newFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SecureXml::newBuilder);
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make the input unusable
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

    private SecureXml() {
    }

    /**
     * Parses one XML element (a byte order mark and an XML declaration before it are allowed).
     *
     * @throws KeyXmlException when the text is not well-formed XML or declares a DTD
     */
    public static Element parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new KeyXmlException(KeyXmlException.Kind.MALFORMED, "Key ring element is empty");
        }
        DocumentBuilder builder = BUILDER.get();
        builder.setErrorHandler(THROWING); // reset() forgets it
        try {
            // XElement.Save writes UTF-8 with a byte order mark; a store decoding the file to a String keeps it.
            String text = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
            return builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXParseException e) {
            // The parser's own message can quote the input, so only its position and a category are kept.
            String what = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "declares a DTD, which is refused (no DOCTYPE, entities or external references are allowed)"
                    : "is not well-formed XML";
            throw new KeyXmlException(KeyXmlException.Kind.MALFORMED, "Key ring element " + what + " (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            throw new KeyXmlException(KeyXmlException.Kind.MALFORMED, "Key ring element is not well-formed XML");
        } finally {
            builder.reset();
        }
    }

    /** A new empty document for building elements. */
    public static Document newDocument() {
        return BUILDER.get().newDocument();
    }

    /** The first child element with no namespace and this local name, or {@code null}. */
    public static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** How many child elements {@code parent} has; {@code only[0]} receives the last one seen. */
    public static int childElements(Element parent, Element[] only) {
        int count = 0;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                count++;
                only[0] = e;
            }
        }
        return count;
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("The JDK's XML parser does not support secure processing", e);
        }
        return f;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser does not support secure processing", e);
        }
    }
}
