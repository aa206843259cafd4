package io.quarkiverse.dataprotection.internal.xml;

import java.util.HashMap;
import java.util.Map;

import javax.xml.XMLConstants;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import io.quarkiverse.dataprotection.DataProtectionException;

/**
 * Serializes XML the way .NET's {@code XElement.ToString(SaveOptions.DisableFormatting)} does: no declaration, no
 * whitespace added, empty elements as {@code <name />} (with the space), comments as written, namespace
 * declarations added after an element's attributes where a name needs one, {@code xmlns=""} where an unqualified
 * element sits inside a default namespace.
 * <p>
 * Escaping: {@code & < >} in text, also {@code "} and tab/newline/carriage return (as character references) in
 * attribute values; a carriage return in text is written {@code &#xD;} so that it survives reading back.
 */
final class XLinqWriter {

    private final StringBuilder out;

    XLinqWriter(StringBuilder out) {
        this.out = out;
    }

    /**
     * Writes {@code element} whose parent has {@code defaultNamespace} as its default namespace ({@code ""} for
     * none).
     */
    void write(Element element, String defaultNamespace) {
        Map<String, String> scope = new HashMap<>();
        scope.put("", defaultNamespace);
        scope.put(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI);
        writeElement(element, scope, 1);
    }

    private void writeElement(Element element, Map<String, String> parentScope, int depth) {
        if (depth > SecureXml.MAX_DEPTH) {
            // Recursion stays shallow, and nothing is written that the reader would refuse.
            throw new DataProtectionException("Cannot write an element nested deeper than " + SecureXml.MAX_DEPTH
                    + " levels, the limit for a stored element; the key encryptor returned such an element");
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
        String name = qualify(element.getNamespaceURI(), element.getPrefix(), nameOf(element), scope, declarations,
                depth, true);
        out.append('<').append(name);
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String attrName = XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI()) ? a.getName()
                    : qualify(a.getNamespaceURI(), a.getPrefix(), nameOf(a), scope, declarations, depth, false);
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
                case Node.ELEMENT_NODE -> writeElement((Element) n, scope, depth + 1);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(out, n.getNodeValue(), false);
                case Node.COMMENT_NODE -> out.append("<!--").append(n.getNodeValue()).append("-->");
                case Node.PROCESSING_INSTRUCTION_NODE -> out.append("<?").append(n.getNodeName()).append(' ')
                        .append(n.getNodeValue()).append("?>");
                default -> throw new IllegalArgumentException("Cannot serialize a node of type " + n.getNodeType());
            }
        }
        out.append("</").append(name).append('>');
    }

    /** The name to write, declaring its namespace in {@code declarations} when the scope lacks it. */
    private static String qualify(String uri, String prefix, String localName, Map<String, String> scope,
            StringBuilder declarations, int depth, boolean isElement) {
        String ns = uri == null ? "" : uri;
        if (isElement && (prefix == null || prefix.isEmpty())) {
            if (!ns.equals(scope.get(""))) {
                scope.put("", ns);
                declarations.append(" xmlns=\"").append(ns).append('"');
            }
            return localName;
        }
        if (ns.isEmpty()) {
            return localName; // unprefixed attribute: no namespace
        }
        // .NET invents prefixes "p" + depth for namespaced attributes declared nowhere.
        String p = prefix == null || prefix.isEmpty() ? "p" + depth : prefix;
        if (!ns.equals(scope.get(p))) {
            scope.put(p, ns);
            declarations.append(" xmlns:").append(p).append("=\"").append(ns).append('"');
        }
        return p + ":" + localName;
    }

    private static String nameOf(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    /** Appends {@code s} escaped for text content or, when {@code attribute}, for a double-quoted attribute value. */
    static void escape(StringBuilder out, String s, boolean attribute) {
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
}
