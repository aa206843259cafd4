package io.quarkiverse.dataprotection.internal.xml;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;

/**
 * Reads a stored element's header in {@link ElementScan}'s one streaming pass, with its limits and refusals, and
 * builds no DOM: for a {@code <key>}, everything {@link KeyHeader} holds, with the DOM reader's rules (the first
 * unqualified child of each name counts; a child's text is all its text and CDATA below it in document order, character
 * references resolved, comments and processing instructions left out, whitespace kept). A certificate-encrypted key is
 * mostly its {@code EncryptedData}, which this pass only scans: the key ring read needs the header, and the descriptor
 * is parsed again, into a DOM, when the key is first used ({@link KeyXml#readDescriptor}).
 * <p>
 * Thread-safety: one instance per scan.
 */
final class KeyHeaderScan extends ElementScan {

    private static final String[] DATES = { "creationDate", "activationDate", "expirationDate" };

    private String rootNamespace;
    private String rootName;
    private boolean key;
    private String version;
    private String id;
    private final StringBuilder[] dates = new StringBuilder[DATES.length];
    /** The index in {@link #DATES} of the date child being read, or -1. */
    private int inDate = -1;
    private boolean hasDescriptor;
    private boolean inDescriptor;
    private String deserializerType;
    private int descriptorChildren;
    /** What failed in this class's own code while reading the header; the scan goes on to find refusals first. */
    private Throwable unexpected;

    private KeyHeaderScan(int length) {
        super(length);
    }

    /**
     * Reads one stored element as {@link KeyXmlReader#parse} does, but a {@code <key>} comes back without its
     * descriptor ({@link KeyElement#descriptor()} is {@code null}). A {@code <revocation>} is read with the DOM reader.
     *
     * @throws KeyXmlException exactly as {@link KeyXmlReader#parse} would
     */
    static KeyRingElement parse(String xml) {
        String text = SecureXml.withoutByteOrderMark(xml);
        KeyHeaderScan scan = new KeyHeaderScan(text.length());
        scan.run(SecureXml.scanner(), text);
        Kind kind = KeyXmlReader.rootKind(scan.rootNamespace, scan.rootName);
        if (kind == Kind.INVALID_REVOCATION) {
            return KeyXmlReader.parse(xml); // rare and small: the DOM reader's rules, as they are
        }
        return KeyXmlReader.read(kind, "<key>", scan::keyElement);
    }

    private KeyElement keyElement() {
        if (unexpected instanceof RuntimeException e) {
            throw e;
        }
        if (unexpected instanceof Error e) {
            throw e;
        }
        return new KeyHeader(version, id, text(0), text(1), text(2), hasDescriptor, deserializerType,
                descriptorChildren).toElement(null);
    }

    private String text(int date) {
        return dates[date] == null ? null : dates[date].toString();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        super.startElement(uri, localName, qName, attributes); // the limits and names first, as the DOM reader
        if (unexpected != null) {
            return;
        }
        try {
            collect(uri, localName, attributes);
        } catch (RuntimeException | LinkageError e) {
            unexpected = e;
        }
    }

    private void collect(String uri, String localName, Attributes attributes) {
        int depth = depth();
        boolean unqualified = uri == null || uri.isEmpty();
        if (depth == 1) {
            rootNamespace = uri;
            rootName = localName;
            key = unqualified && "key".equals(localName);
            if (key) {
                version = attribute(attributes, "version");
                id = attribute(attributes, "id");
            }
        } else if (depth == 2 && key && unqualified) {
            child(localName, attributes);
        } else if (depth == 3 && inDescriptor) {
            descriptorChildren++;
        }
    }

    private void child(String localName, Attributes attributes) {
        for (int i = 0; i < DATES.length; i++) {
            if (DATES[i].equals(localName) && dates[i] == null) {
                dates[i] = new StringBuilder();
                inDate = i;
                return;
            }
        }
        if ("descriptor".equals(localName) && !hasDescriptor) {
            hasDescriptor = true;
            inDescriptor = true;
            deserializerType = attribute(attributes, "deserializerType");
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (depth() == 2) {
            inDate = -1;
            inDescriptor = false;
        }
        super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inDate >= 0 && unexpected == null) {
            dates[inDate].append(ch, start, length);
        }
    }

    /** An unqualified attribute's value, or {@code null}; namespace declarations are not attributes here. */
    private static String attribute(Attributes attributes, String name) {
        int index = attributes.getIndex("", name);
        return index < 0 ? null : attributes.getValue(index);
    }
}
