package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.spi.EncryptedXmlInfo;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * Hostile key ring elements (issue 9): nesting, size and names that once overflowed the stack or let a
 * {@code DOMException} escape. Every failure is a {@link KeyXmlException} of the kind a key ring read needs, whose
 * message quotes nothing of the XML (every input hides the marker {@code SECRET} or the master key).
 */
class KeyXmlHostileTest {

    static final String ID = "80732141-ec8f-4b80-af9c-c4d2d1ff8901";
    static final String MASTER_KEY = "k88VrwGLINfVAqzlAp7U4EAjdlmUG17c756McQGdjkPjQdQ7N6XvV2Y6bUs53BFtVw1dOz0oxiT4jyxfV7lJZw==";

    /** {@code <name>} nested {@code depth} times around {@code innermost}. */
    static String nested(String name, int depth, String innermost) {
        StringBuilder sb = new StringBuilder(depth * (2 * name.length() + 5) + innermost.length());
        sb.append(("<" + name + ">").repeat(depth)).append(innermost).append(("</" + name + ">").repeat(depth));
        return sb.toString();
    }

    /** A valid CBC key (inner descriptor at depth 3) with {@code extra} appended inside its inner descriptor. */
    static String key(String id, String masterKey, String extra) {
        return "<key id=\"" + id + "\" version=\"1\"><creationDate>2026-01-01T00:00:00Z</creationDate>"
                + "<activationDate>2026-01-01T00:00:00Z</activationDate><expirationDate>2026-04-01T00:00:00Z</expirationDate>"
                + "<descriptor deserializerType=\"" + KeyXmlWriter.DESCRIPTOR_DESERIALIZER_TYPE + "\"><descriptor>"
                + "<encryption algorithm=\"AES_256_CBC\" /><validation algorithm=\"HMACSHA256\" />"
                + "<masterKey><value>" + masterKey + "</value></masterKey>" + extra + "</descriptor></descriptor></key>";
    }

    static String revocation(String reasonContent) {
        return "<revocation version=\"1\"><revocationDate>2026-01-01T00:00:00Z</revocationDate><key id=\"*\" />"
                + "<reason>" + reasonContent + "</reason></revocation>";
    }

    private static void assertFails(String xml, Kind kind, String expectedMessage) {
        assertThatThrownBy(() -> KeyXml.parse(xml))
                .isInstanceOf(KeyXmlException.class)
                .satisfies(e -> assertThat(((KeyXmlException) e).kind()).isEqualTo(kind))
                .hasMessageContaining(expectedMessage)
                .hasMessageNotContaining("SECRET")
                .hasMessageNotContaining("k88Vrw");
    }

    @Test
    void keyNested1786Deep_parseFailsAsInvalidKey() {
        String xml = key(ID, MASTER_KEY, nested("a", 1786, "SECRET"));
        assertThat(xml.length()).as("the 13 KB element of issue 9").isBetween(12_000, 14_000);

        assertFails(xml, Kind.INVALID_KEY, "nested deeper than " + SecureXml.MAX_DEPTH);
    }

    @Test
    void revocationNested20000Deep_parseFailsAsInvalidRevocation() {
        assertFails(revocation(nested("a", 20_000, "SECRET")), Kind.INVALID_REVOCATION,
                "nested deeper than " + SecureXml.MAX_DEPTH);
    }

    @Test
    void unknownRootNested20000Deep_failsAsUnknownElement() {
        assertFails(nested("SECRET", 20_000, ""), Kind.UNKNOWN_ELEMENT, "nested deeper than " + SecureXml.MAX_DEPTH);
    }

    @Test
    void namespacedKeyRootNestedDeep_failsAsUnknownElement() {
        assertFails("<key xmlns=\"urn:x\">" + nested("a", 100, "SECRET") + "</key>", Kind.UNKNOWN_ELEMENT,
                "nested deeper than");
    }

    @ParameterizedTest(name = "nesting {0} below the inner descriptor: total depth {1}")
    @CsvSource({ "61, 64", "62, 65" })
    void nestingAtTheLimit_isAccepted_oneMoreIsRefused(int extraDepth, int totalDepth) {
        String xml = key(ID, MASTER_KEY, nested("a", extraDepth, "SECRET"));
        if (totalDepth <= SecureXml.MAX_DEPTH) {
            KeyElement key = (KeyElement) KeyXml.parse(xml);
            assertThat(KeyXml.readDescriptor(key, List.of()).masterKey().length()).isEqualTo(64);
        } else {
            assertFails(xml, Kind.INVALID_KEY, "nested deeper than " + SecureXml.MAX_DEPTH);
        }
    }

    @Test
    void keyWithTooManyElements_failsAsInvalidKey() {
        assertFails(key(ID, MASTER_KEY, "<a>SECRET</a>".repeat(SecureXml.MAX_ELEMENTS)), Kind.INVALID_KEY,
                "more than " + SecureXml.MAX_ELEMENTS + " elements");
    }

    @Test
    void oversizedKey_failsAsInvalidKey() {
        assertFails(key(ID, MASTER_KEY, "<!--" + "SECRET".repeat(SecureXml.MAX_CHARS / 6) + "-->"), Kind.INVALID_KEY,
                "longer than " + SecureXml.MAX_CHARS + " characters");
    }

    @Test
    void oversizedRevocation_failsAsInvalidRevocation() {
        assertFails(revocation("SECRET".repeat(SecureXml.MAX_CHARS / 6)), Kind.INVALID_REVOCATION,
                "longer than " + SecureXml.MAX_CHARS + " characters");
    }

    /** Jazzer's finding (issue 9): Xerces accepts a name with an empty prefix, which no DOM call can copy. */
    @Test
    void elementNameWithEmptyPrefix_failsAsMalformed() {
        String xml = Golden.read("docs-sample-key.xml").replace("<validation ", "<:validation ");

        assertFails(xml, Kind.MALFORMED, "empty prefix");
    }

    /** The input Jazzer found again on this branch: {@code <encryption :lgorithm="...">}. */
    @Test
    void attributeNameWithEmptyPrefix_failsAsMalformed() {
        String xml = Golden.read("docs-sample-key.xml").replace("<encryption algorithm=", "<encryption :lgorithm=");

        assertFails(xml, Kind.MALFORMED, "empty prefix");
    }

    @Test
    void emptyPrefixOnTheRoot_failsAsMalformed() {
        assertFails("<:key id=\"SECRET\" />", Kind.MALFORMED, "empty prefix");
    }

    /** A descriptor built in memory (not parsed, so no parse limit applied) is copied without recursion. */
    @Test
    void descriptorTree20000Deep_readDescriptorFailsAsInvalidDescriptor() {
        Document doc = SecureXml.newDocument();
        Element descriptor = doc.createElementNS(null, "descriptor");
        doc.appendChild(descriptor);
        Element encryption = doc.createElementNS(null, "encryption");
        encryption.setAttributeNS(null, "algorithm", "AES_256_CBC");
        descriptor.appendChild(encryption);
        Element parent = descriptor;
        for (int i = 0; i < 20_000; i++) {
            Element child = doc.createElementNS(null, "a");
            parent.appendChild(child);
            parent = child;
        }
        parent.setTextContent("SECRET");
        KeyElement key = new KeyElement(UUID.fromString(ID), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                KeyXmlWriter.DESCRIPTOR_DESERIALIZER_TYPE, descriptor);

        assertThatThrownBy(() -> KeyXml.readDescriptor(key, List.of()))
                .isInstanceOf(KeyXmlException.class)
                .satisfies(e -> assertThat(((KeyXmlException) e).kind()).isEqualTo(Kind.INVALID_DESCRIPTOR))
                .hasMessageContaining("Key " + ID)
                .hasMessageContaining("nested deeper than " + SecureXml.MAX_DEPTH)
                .hasMessageNotContaining("SECRET");
    }

    /** Issue 9 item 10: a short master key is read as it is; refusing it would make Java and .NET disagree. */
    @ParameterizedTest(name = "{0}-byte master key")
    @CsvSource({ "1, AQ==", "16, AAECAwQFBgcICQoLDA0ODw==" })
    void shortMasterKey_isReadWithItsLength(int length, String base64) {
        KeyElement key = (KeyElement) KeyXml.parse(key(ID, base64, ""));

        assertThat(KeyXml.readDescriptor(key, List.of()).masterKey().length()).isEqualTo(length);
    }

    /** A revocation every reader would refuse would stop every key ring read, so it is never written. */
    @Test
    void revocationReasonOverTheSizeLimit_isRefusedWhenWritten_andOneUnderItRoundTrips() {
        Instant date = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> KeyXml.writeRevocation(date, null, "x".repeat(SecureXml.MAX_CHARS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SecureXml.MAX_CHARS + " characters");

        String reason = "x".repeat(SecureXml.MAX_CHARS - 300);
        RevocationElement read = (RevocationElement) KeyXml.parse(KeyXml.writeRevocation(date, null, reason));
        assertThat(read.reason()).isEqualTo(reason);
    }

    @Test
    void encryptorReturningA20000DeepElement_failsToWriteWithoutOverflow() {
        KeyEncryptor deep = new KeyEncryptor() {
            @Override
            public EncryptedXmlInfo encrypt(Element plaintextElement) {
                Document doc = SecureXml.newDocument();
                Element root = doc.createElementNS(null, "sealed");
                doc.appendChild(root);
                Element parent = root;
                for (int i = 0; i < 20_000; i++) {
                    parent = (Element) parent.appendChild(doc.createElementNS(null, "a"));
                }
                return new EncryptedXmlInfo(root, "Contoso.Sealer, Contoso");
            }

            @Override
            public String description() {
                return "deep";
            }
        };
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThatThrownBy(() -> KeyXml.writeKey(UUID.fromString(ID), now, now, now.plusSeconds(86_400),
                AlgorithmConfiguration.DEFAULT, Secret.copyOf(new byte[32]), deep))
                .isInstanceOf(DataProtectionException.class)
                .hasMessageContaining("nested deeper than " + SecureXml.MAX_DEPTH);
    }

    /** Type names are named in messages (an operator needs them), but only when they look like .NET type names. */
    @Test
    void deserializerTypeThatIsNotADotNetTypeName_isNotQuoted() {
        String forged = "Contoso.Evil&#10;FORGED log line, Contoso";
        KeyElement key = (KeyElement) KeyXml.parse(key(ID, MASTER_KEY, "")
                .replace(KeyXmlWriter.DESCRIPTOR_DESERIALIZER_TYPE, forged));

        assertNotQuoted(() -> KeyXml.readDescriptor(key, List.of()));
    }

    @Test
    void decryptorTypeThatIsNotADotNetTypeName_isNotQuoted() {
        String encrypted = "<encryptedSecret decryptorType=\"Contoso.Evil&#10;FORGED log line, Contoso\" xmlns=\""
                + SecureXml.DP_NAMESPACE + "\"><x xmlns=\"\" /></encryptedSecret>";
        KeyElement key = (KeyElement) KeyXml.parse(key(ID, MASTER_KEY, "")
                .replace("<masterKey><value>" + MASTER_KEY + "</value></masterKey>", encrypted));

        assertNotQuoted(() -> KeyXml.readDescriptor(key, List.of()));
    }

    private static void assertNotQuoted(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(DataProtectionException.class)
                .hasMessageContaining("not a .NET type name")
                .hasMessageNotContaining("FORGED")
                .hasMessageNotContaining("\n");
    }
}
