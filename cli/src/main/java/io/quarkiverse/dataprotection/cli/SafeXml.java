package io.quarkiverse.dataprotection.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

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

import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses key ring XML from files and stores without DTDs, entities or external access (input files come from
 * anywhere), and writes elements back without a declaration. Exceptions never carry the XML itself.
 * <p>
 * Stateless; each call makes its own parser.
 */
final class SafeXml {

    private SafeXml() {
    }

    /**
     * The document element of {@code xml} (a leading byte order mark is fine).
     *
     * @throws IllegalArgumentException when it is not well-formed or has a DTD, with the parser's position only
     */
    static Element parse(String xml) {
        String text = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed XML or has a DOCTYPE (" + position(e) + ")");
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** {@code element} serialized as it is, without an XML declaration. */
    static String write(Element element) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialize an XML element: " + e.getClass().getSimpleName(), e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static String position(SAXException e) {
        if (e instanceof org.xml.sax.SAXParseException parse) {
            return "line " + parse.getLineNumber() + ", column " + parse.getColumnNumber();
        }
        return "position unknown";
    }
}
