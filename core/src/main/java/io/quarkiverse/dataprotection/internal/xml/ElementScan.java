package io.quarkiverse.dataprotection.internal.xml;

import java.io.StringReader;

import javax.xml.parsers.SAXParser;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;

/**
 * The first pass over a stored element, with a streaming parser and no DOM: it enforces {@link SecureXml}'s
 * limits while parsing and refuses names that are not namespace-well-formed. It stops at the first problem, so a
 * hostile element costs at most one linear scan. Once the root's name is known, a limit hit has the root's kind
 * ({@code <key>}: {@link Kind#INVALID_KEY}, {@code <revocation>}: {@link Kind#INVALID_REVOCATION}, anything else
 * {@link Kind#UNKNOWN_ELEMENT}); bad syntax and bad names are always {@link Kind#MALFORMED}.
 * <p>
 * {@link KeyHeaderScan} extends it to read a key's header in the same pass.
 * <p>
 * Thread-safety: one instance per scan.
 */
class ElementScan extends DefaultHandler {

    private final int length;
    private Locator locator;
    private Kind kind;
    private String label = "Key ring element";
    private int depth;
    private int elements;

    ElementScan(int length) {
        this.length = length;
    }

    /**
     * Scans {@code text} with {@code parser}.
     *
     * @throws KeyXmlException when the text is not well-formed, has a bad name or exceeds a limit
     */
    static void scan(SAXParser parser, String text) {
        new ElementScan(text.length()).run(parser, text);
    }

    /**
     * Scans {@code text} (of the length given to the constructor) with {@code parser}, reporting to this handler.
     *
     * @throws KeyXmlException when the text is not well-formed, has a bad name or exceeds a limit
     */
    final void run(SAXParser parser, String text) {
        try {
            parser.parse(new InputSource(new StringReader(text)), this);
        } catch (Refusal e) {
            throw e.refusal;
        } catch (SAXParseException e) {
            throw SecureXml.notWellFormed(e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof SAXException sax && sax.getException() instanceof Refusal refusal) {
                throw refusal.refusal;
            }
            throw new KeyXmlException(Kind.MALFORMED, "Key ring element cannot be parsed (" + e.getClass().getName() + ")");
        } finally {
            parser.reset();
        }
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        checkName(qName);
        for (int i = 0; i < attributes.getLength(); i++) {
            checkName(attributes.getQName(i));
        }
        if (kind == null) {
            rootIs(uri, localName);
            if (length > SecureXml.MAX_CHARS) {
                throw refuse(kind, label + " is longer than " + SecureXml.MAX_CHARS
                        + " characters, the limit for a stored element");
            }
        }
        if (++depth > SecureXml.MAX_DEPTH) {
            throw refuse(kind, label + " has elements nested deeper than " + SecureXml.MAX_DEPTH
                    + " levels, the limit for a stored element (a real key is at most 10 deep)");
        }
        if (++elements > SecureXml.MAX_ELEMENTS) {
            throw refuse(kind, label + " has more than " + SecureXml.MAX_ELEMENTS
                    + " elements, the limit for a stored element (a real key has at most 21)");
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        depth--;
    }

    /** The depth of the element being read, the root being at 1 (0 before the root and after it). */
    final int depth() {
        return depth;
    }

    @Override
    public void error(SAXParseException e) throws SAXParseException {
        throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
        throw e;
    }

    private void rootIs(String uri, String localName) {
        boolean unqualified = uri == null || uri.isEmpty();
        if (unqualified && "key".equals(localName)) {
            kind = Kind.INVALID_KEY;
            label = "<key>";
        } else if (unqualified && "revocation".equals(localName)) {
            kind = Kind.INVALID_REVOCATION;
            label = "<revocation>";
        } else {
            kind = Kind.UNKNOWN_ELEMENT;
        }
    }

    /**
     * The JDK's parser accepts {@code <:name>} and {@code :name="..."} (an empty prefix), which Namespaces in XML and
     * .NET's reader refuse and no DOM call can copy ({@code NAMESPACE_ERR}).
     */
    private void checkName(String qName) throws Refusal {
        int colon = qName.indexOf(':');
        if (colon == 0 || colon == qName.length() - 1 || (colon > 0 && qName.indexOf(':', colon + 1) > 0)) {
            throw refuse(Kind.MALFORMED, "Key ring element is not namespace-well-formed XML: an element or attribute"
                    + " name has an empty prefix or local part (line " + line() + ", column " + column() + ")");
        }
    }

    private int line() {
        return locator == null ? -1 : locator.getLineNumber();
    }

    private int column() {
        return locator == null ? -1 : locator.getColumnNumber();
    }

    private static Refusal refuse(Kind kind, String message) {
        return new Refusal(new KeyXmlException(kind, message));
    }

    /** Carries the refusal out of the parser, which only lets {@link SAXException}s through. */
    private static final class Refusal extends SAXException {

        private static final long serialVersionUID = 1L;

        private final transient KeyXmlException refusal;

        Refusal(KeyXmlException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }
}
