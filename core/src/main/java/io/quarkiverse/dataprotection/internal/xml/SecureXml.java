package io.quarkiverse.dataprotection.internal.xml;

import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Namespace-aware DOM parsing of one stored element, hardened against hostile input:
 * <ul>
 * <li>no DTD (so no entity expansion, internal or external), no external resources, no XInclude;</li>
 * <li>limits checked <em>while parsing</em>, before any DOM exists: at most {@value #MAX_DEPTH} nested elements
 * (a real key is at most 10 deep, one encrypted to a certificate included), {@value #MAX_ELEMENTS} elements and
 * {@value #MAX_CHARS} characters (a real key has at most 21 elements and about 3,000 characters), so that no later tree
 * walk can overflow the stack and no element can take much memory;</li>
 * <li>names must be namespace-well-formed: the JDK's parser accepts {@code <:name>}, which no DOM call can copy.</li>
 * </ul>
 * {@link ElementScan} enforces the limits and knows the root's name when one is hit, so the error carries the kind a
 * key ring read needs. Errors never carry the parser's message, which may quote the input (an unencrypted key,
 * perhaps). The DOM helpers here never recurse.
 * <p>
 * Thread-safety: one parser of each kind per thread.
 */
public final class SecureXml {

    public static final String DP_NAMESPACE = "http://schemas.asp.net/2015/03/dataProtection";

    /** The deepest element nesting accepted, the root being at depth 1. */
    static final int MAX_DEPTH = 64;
    /** The most elements one stored element may contain, itself included. */
    static final int MAX_ELEMENTS = 4096;
    /** The longest stored element accepted, in UTF-16 characters. */
    static final int MAX_CHARS = 1 << 20;

    private static final String JDK_MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";
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
    private static final DocumentBuilderFactory DOM_FACTORY = newDomFactory();
    private static final SAXParserFactory SAX_FACTORY = newSaxFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SecureXml::newBuilder);
    private static final ThreadLocal<SAXParser> SCANNER = ThreadLocal.withInitial(SecureXml::newScanner);

    private SecureXml() {
    }

    /**
     * Parses one XML element (a byte order mark and an XML declaration before it are allowed).
     *
     * @throws KeyXmlException when the text is not well-formed XML, declares a DTD or exceeds a limit; a limit hit
     *         after the root's name is known has that root's kind
     */
    public static Element parse(String xml) {
        String text = withoutByteOrderMark(xml);
        ElementScan.scan(SCANNER.get(), text);
        DocumentBuilder builder = BUILDER.get();
        builder.setErrorHandler(THROWING); // reset() forgets it
        try {
            return builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXParseException e) {
            throw notWellFormed(e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // The scan accepted it, so this is the parser failing; its message may quote the input.
            throw new KeyXmlException(KeyXmlException.Kind.MALFORMED,
                    "Key ring element cannot be parsed (" + e.getClass().getName() + ")");
        } finally {
            builder.reset();
        }
    }

    /**
     * The text to parse: {@code xml} without a leading byte order mark.
     *
     * @throws KeyXmlException when {@code xml} is null or blank
     */
    static String withoutByteOrderMark(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new KeyXmlException(KeyXmlException.Kind.MALFORMED, "Key ring element is empty");
        }
        // XElement.Save writes UTF-8 with a byte order mark; a store decoding the file to a String keeps it.
        return xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
    }

    /** This thread's streaming parser, configured as {@link #parse} uses it; reset after each use. */
    static SAXParser scanner() {
        return SCANNER.get();
    }

    /** The parser's own message can quote the input, so only its position and a category are kept. */
    static KeyXmlException notWellFormed(SAXParseException e) {
        String what = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                ? "declares a DTD, which is refused (no DOCTYPE, entities or external references are allowed)"
                : "is not well-formed XML";
        return new KeyXmlException(KeyXmlException.Kind.MALFORMED, "Key ring element " + what + " (line "
                + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
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

    /**
     * All text below {@code element} in document order, as {@link Node#getTextContent()} (comments and processing
     * instructions excluded) but without recursion, whatever the depth.
     */
    static String text(Element element) {
        StringBuilder sb = new StringBuilder();
        Node n = element.getFirstChild();
        while (n != null) {
            short type = n.getNodeType();
            if (type == Node.TEXT_NODE || type == Node.CDATA_SECTION_NODE) {
                sb.append(n.getNodeValue());
            }
            n = next(n, element);
        }
        return sb.toString();
    }

    /** The node after {@code n} in document order, below {@code root}. */
    private static Node next(Node n, Node root) {
        if (n.getFirstChild() != null) {
            return n.getFirstChild();
        }
        Node at = n;
        while (at != root && at.getNextSibling() == null) {
            at = at.getParentNode();
        }
        return at == root ? null : at.getNextSibling();
    }

    /**
     * A deep copy of {@code source} owned by {@code doc} (not yet attached), made without recursion, or {@code null}
     * when {@code source} has elements nested deeper than {@code maxDepth} ({@code source} being at depth 1).
     *
     * @throws org.w3c.dom.DOMException when a name cannot be copied
     */
    static Element importTree(Document doc, Element source, int maxDepth) {
        Element copy = (Element) doc.importNode(source, false); // a shallow element import copies its attributes
        Node from = source.getFirstChild();
        Node into = copy; // invariant: into is the copy of from's parent, at depth `depth`
        int depth = 1;
        while (from != null) {
            Node node = into.appendChild(doc.importNode(from, false));
            if (from.getNodeType() == Node.ELEMENT_NODE && depth + 1 > maxDepth) {
                return null;
            }
            if (from.getFirstChild() != null) {
                into = node;
                depth++;
                from = from.getFirstChild();
                continue;
            }
            while (from.getNextSibling() == null) {
                from = from.getParentNode();
                if (from == source) {
                    return copy;
                }
                into = into.getParentNode();
                depth--;
            }
            from = from.getNextSibling();
        }
        return copy;
    }

    private static DocumentBuilderFactory newDomFactory() {
        // The JDK's own parser, whatever a library on the class path registers: its limits are the ones tested.
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            // Deferred nodes are expanded recursively on first access; these documents are small, so build them at once.
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // The scan has already enforced this; the parser enforcing it too keeps any other caller safe.
            f.setAttribute(JDK_MAX_ELEMENT_DEPTH, String.valueOf(MAX_DEPTH));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("The JDK's XML parser does not support secure processing", e);
        }
        return f;
    }

    private static SAXParserFactory newSaxFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK's XML parser does not support secure processing", e);
        }
        return f;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = DOM_FACTORY.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser does not support secure processing", e);
        }
    }

    private static SAXParser newScanner() {
        try {
            // No external access needs refusing: a DTD is an error, and nothing validates against a schema.
            return SAX_FACTORY.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK's XML parser does not support secure processing", e);
        }
    }
}
