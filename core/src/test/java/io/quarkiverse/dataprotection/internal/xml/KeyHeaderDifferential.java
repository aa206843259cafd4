package io.quarkiverse.dataprotection.internal.xml;

import java.util.function.Function;

/**
 * The differential check of {@link KeyXml#parseHeader} against {@link KeyXml#parse}: on any text both return the same
 * key (id, dates, deserializer type) or revocation, or both throw a {@link KeyXmlException} of the same kind and
 * message. Used by {@link KeyHeaderDifferentialTest} and the text fuzz target.
 */
public final class KeyHeaderDifferential {

    private KeyHeaderDifferential() {
    }

    /**
     * Parses {@code xml} both ways.
     *
     * @return what both readers did, for counting outcomes
     * @throws AssertionError when they disagree
     */
    public static String check(String xml) {
        String dom = outcome(xml, KeyXml::parse, true);
        String header = outcome(xml, KeyXml::parseHeader, false);
        if (!dom.equals(header)) {
            throw new AssertionError("the streaming header reader disagrees with the DOM reader:\n  DOM:    " + dom
                    + "\n  stream: " + header);
        }
        return dom;
    }

    private static String outcome(String xml, Function<String, KeyRingElement> reader, boolean buildsDescriptor) {
        try {
            KeyRingElement element = reader.apply(xml);
            if (element instanceof KeyElement key) {
                // The DOM reader hands over the inner descriptor; the header reader never builds one.
                boolean wrongDescriptor = buildsDescriptor == (key.descriptor() == null);
                return "key " + key.id() + " " + key.creationDate() + " " + key.activationDate() + " "
                        + key.expirationDate() + " " + key.deserializerType()
                        + (wrongDescriptor ? " with a descriptor " + (buildsDescriptor ? "missing" : "built") : "");
            }
            return String.valueOf(element);
        } catch (KeyXmlException e) {
            return e.kind() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "unexpected " + e.getClass().getName();
        }
    }
}
