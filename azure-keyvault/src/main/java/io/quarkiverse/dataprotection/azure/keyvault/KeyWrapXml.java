package io.quarkiverse.dataprotection.azure.keyvault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML side of the key-wrap format: the plaintext element written as .NET's {@code XElement.Save(stream,
 * SaveOptions.DisableFormatting)} writes it (no whitespace added, {@code <name />} with the space for an empty
 * element, {@code p1}, {@code p2}… prefixes invented for namespaced attributes declared nowhere, the XLinq escapes),
 * and a hardened parser for what an unwrap yields (no DTD, no external entity, no XInclude, at most
 * {@value #MAX_DEPTH} levels: whoever can call {@code wrapKey} on the vault key can wrap any tree). Stateless.
 */
final class KeyWrapXml {

    static final int MAX_DEPTH = 64;

    private KeyWrapXml() {
    }

    static Document newDocument() {
        return builder().newDocument();
    }

    /** Parses decrypted bytes (a UTF-8 byte order mark and an XML declaration are read as such). */
    static Element parse(byte[] xml) throws SAXException, IOException {
        return builder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }

    /** {@code element} as a root element, serialized as XLinq does. */
    static String serialize(Element element) {
        StringBuilder out = new StringBuilder(256);
        Map<String, String> scope = new HashMap<>();
        scope.put("", "");
        scope.put(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI);
        write(out, element, scope, 1);
        return out.toString();
    }

    private static void write(StringBuilder out, Element element, Map<String, String> parentScope, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Cannot wrap an element nested deeper than " + MAX_DEPTH + " levels");
        }
        Map<String, String> scope = new HashMap<>(parentScope);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                scope.put(a.getPrefix() == null ? "" : a.getLocalName(), a.getValue());
            }
        }
        StringBuilder declarations = new StringBuilder();
        String name = qualify(element, scope, declarations, depth, true);
        out.append('<').append(name);
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String attrName = XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI()) ? a.getName()
                    : qualify(a, scope, declarations, depth, false);
            out.append(' ').append(attrName).append("=\"");
            escape(out, a.getValue(), true);
            out.append('"');
        }
        out.append(declarations);
        if (element.getFirstChild() == null) {
            out.append(" />");
            return;
        }
        out.append('>');
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> write(out, (Element) n, scope, depth + 1);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(out, n.getNodeValue(), false);
                case Node.COMMENT_NODE -> out.append("<!--").append(n.getNodeValue()).append("-->");
                default -> throw new IllegalArgumentException("Cannot wrap an element holding a node of type "
                        + n.getNodeType());
            }
        }
        out.append("</").append(name).append('>');
    }

    private static String qualify(Node node, Map<String, String> scope, StringBuilder declarations, int depth,
            boolean isElement) {
        String ns = node.getNamespaceURI() == null ? "" : node.getNamespaceURI();
        String prefix = node.getPrefix();
        String localName = node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
        if (isElement && (prefix == null || prefix.isEmpty())) {
            if (!ns.equals(scope.get(""))) {
                scope.put("", ns);
                declarations.append(" xmlns=\"").append(ns).append('"');
            }
            return localName;
        }
        if (ns.isEmpty()) {
            return localName;
        }
        String p = prefix == null || prefix.isEmpty() ? "p" + depth : prefix;
        if (!ns.equals(scope.get(p))) {
            scope.put(p, ns);
            declarations.append(" xmlns:").append(p).append("=\"").append(ns).append('"');
        }
        return p + ":" + localName;
    }

    private static void escape(StringBuilder out, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append(attribute ? "&#xA;" : "\n");
                case '\t' -> out.append(attribute ? "&#x9;" : "\t");
                default -> out.append(c);
            }
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
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
