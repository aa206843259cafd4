package io.quarkiverse.dataprotection.reliability;

import java.util.List;

import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * A structured fuzz target for the key XML reader: the input is a {@link KeyXmlRecipe}, so a few bytes become a
 * key, revocation or other element nested up to 200,000 levels deep, with up to 10,000 siblings and 1.2 million
 * characters, its secret in the clear, encrypted to a real certificate (Santuario decrypts it, and the plaintext
 * may itself be deep), or handed to a decryptor that misbehaves in the way the recipe picks. It checks what issue 9
 * asks of the reader, not only that nothing escapes:
 * <ul>
 * <li>{@link KeyXml#parse} throws only {@link KeyXmlException}, of kind MALFORMED or the root's kind; an element over
 * a limit with well-formed names fails with the root's kind; a valid element within the limits parses;</li>
 * <li>{@link KeyXml#readDescriptor} throws only a {@link KeyXmlException} of kind INVALID_DESCRIPTOR or a
 * {@link DataProtectionException} (a {@link KeyDecryptionException}, say); a plaintext nested deeper than 64 levels
 * fails;</li>
 * <li>no message quotes the recipe's text ({@link KeyXmlRecipe#CANARY}) or the master key.</li>
 * </ul>
 * Under {@code mvn test} only the seeds in {@code KeyXmlStructureFuzzTestInputs/} run; see docs reliability.adoc.
 */
class KeyXmlStructureFuzzTest {

    private static final CertificateEncryption CERTIFICATE = new CertificateEncryption("fuzz-key-xml");
    private static final KeyDecryptor CERTIFICATE_DECRYPTOR = EncryptedXmlDecryptor.of(CERTIFICATE.certificate);

    @FuzzTest(maxDuration = "60s")
    void parseAndReadDescriptor_generatedElements_failOnlyAsTheReaderPromises(byte[] data) {
        KeyXmlRecipe.Generated element = KeyXmlRecipe.generate(new FuzzInput(data), CERTIFICATE);
        KeyRingElement parsed;
        try {
            parsed = KeyXml.parse(element.xml());
        } catch (KeyXmlException e) {
            check(element.allowedParseKinds().contains(e.kind()), "parse failed as " + e.kind(), e);
            check(!element.overLimit() || !element.namesWellFormed() || e.kind() == element.rootKind(),
                    "a limit was reported as " + e.kind() + " instead of the root's kind", e);
            check(!element.mustParse(), "a valid element within the limits was refused", e);
            checkQuotesNothing(e, element);
            return;
        }
        check(!element.overLimit(), "an element over the limits was accepted", null);
        if (parsed instanceof KeyElement key) {
            readDescriptor(key, element);
        }
    }

    private static void readDescriptor(KeyElement key, KeyXmlRecipe.Generated element) {
        try {
            KeyXml.KeyMaterial material = KeyXml.readDescriptor(key,
                    List.of(CERTIFICATE_DECRYPTOR, new ChaosDecryptor(element.chaosBehaviour())));
            check(material.masterKey().length() > 0, "an empty master key was read", null);
            check(element.plaintextDepth() <= KeyXml.MAX_DEPTH, "a decrypted element deeper than the limit was read",
                    null);
        } catch (KeyXmlException e) {
            check(e.kind() == KeyXmlException.Kind.INVALID_DESCRIPTOR, "readDescriptor failed as " + e.kind(), e);
            checkQuotesNothing(e, element);
        } catch (DataProtectionException e) {
            // A decryptor's own DataProtectionException passes unchanged; ChaosDecryptor's quotes nothing.
            checkQuotesNothing(e, element);
        }
    }

    private static void checkQuotesNothing(DataProtectionException e, KeyXmlRecipe.Generated element) {
        String message = String.valueOf(e.getMessage());
        check(!message.contains(KeyXmlRecipe.CANARY), "the message quotes the XML", e);
        if (element.masterKey().length >= 6) {
            String base64 = java.util.Base64.getEncoder().encodeToString(element.masterKey());
            check(!message.contains(base64.substring(0, 8)), "the message quotes the master key", e);
        }
    }

    private static void check(boolean condition, String what, Throwable cause) {
        if (!condition) {
            throw new AssertionError(what + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    /** A decryptor for {@link KeyXmlRecipe#CHAOS_DECRYPTOR} that does what the recipe says, good or bad. */
    private record ChaosDecryptor(int behaviour) implements KeyDecryptor {

        @Override
        public boolean supports(String decryptorTypeName) {
            return KeyXmlRecipe.CHAOS_DECRYPTOR.equals(decryptorTypeName);
        }

        @Override
        public Element decrypt(Element encryptedElement) {
            Document doc = encryptedElement.getOwnerDocument();
            return switch (behaviour % 9) {
                case 0 -> masterKey(doc, "AQIDBA==");
                case 1 -> throw new IllegalStateException(KeyXmlRecipe.CANARY);
                case 2 -> throw new DOMException(DOMException.NAMESPACE_ERR, KeyXmlRecipe.CANARY);
                case 3 -> null;
                case 4 -> deep(doc, 1_000);
                case 5 -> again(doc);
                case 6 -> throw new KeyDecryptionException("the chaos decryptor refuses");
                case 7 -> throw new NoClassDefFoundError(KeyXmlRecipe.CANARY);
                default -> levelOneDom();
            };
        }

        private static Element masterKey(Document doc, String base64) {
            Element masterKey = doc.createElementNS(null, "masterKey");
            masterKey.appendChild(doc.createElementNS(null, "value")).setTextContent(base64);
            return masterKey;
        }

        private static Element deep(Document doc, int depth) {
            Element root = doc.createElementNS(null, "masterKey");
            Element parent = root;
            for (int i = 0; i < depth; i++) {
                parent = (Element) parent.appendChild(doc.createElementNS(null, "value"));
            }
            parent.setTextContent(KeyXmlRecipe.CANARY);
            return root;
        }

        /** Another encrypted secret for itself: the reader must stop after a bounded number of rounds. */
        private static Element again(Document doc) {
            Element secret = doc.createElementNS(KeyXmlRecipe.DP_NS, "encryptedSecret");
            secret.setAttributeNS(null, "decryptorType", KeyXmlRecipe.CHAOS_DECRYPTOR);
            secret.appendChild(doc.createElementNS(null, "sealed"));
            return secret;
        }

        /** An element of a DOM built without namespaces (no local names), as an old library might return. */
        private static Element levelOneDom() {
            try {
                Document doc = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                        .newDocument();
                Element masterKey = doc.createElement("masterKey");
                masterKey.appendChild(doc.createElement("value")).setTextContent("AQIDBA==");
                return masterKey;
            } catch (javax.xml.parsers.ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
