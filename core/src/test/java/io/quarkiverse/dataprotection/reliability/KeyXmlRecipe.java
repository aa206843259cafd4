package io.quarkiverse.dataprotection.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException.Kind;

/**
 * Builds a key ring element from a fuzzer's recipe ({@link FuzzInput}): a {@code <key>} (plain, encrypted to a
 * certificate, or encrypted by a misbehaving decryptor), a {@code <revocation>} or another root, with a nest of
 * chosen depth and names, siblings and padding inserted at a chosen place. Small inputs thus reach what 4 KiB of raw
 * text cannot: 200,000 levels of nesting, 10,000 elements, 1.2 million characters. The recipe also says what the
 * reader must do with the element, for the fuzz target to check. Format, in order:
 *
 * <pre>
 * u8 root (key, revocation, other) | u8 flags | shortBytes master key | u8 container | scaled nest depth
 * | u8 nest name | scaled siblings | u8 sibling name | scaled padding | u8 decryptor type | u8 chaos behaviour
 * | rest: text
 * </pre>
 *
 * A scaled number is one byte: 0..127 as it is, above that in large steps ({@link FuzzInput#scaled}), so most inputs
 * stay small and fast while the largest reach 200,000 levels, 10,000 siblings and 1.2 million characters.
 * flags: 1 bad id, 2 bad date, 4 bad deserializer, 8 no encryption, 16 no validation, 32 GCM, 64 secret encrypted to
 * the certificate, 128 secret for the chaos decryptor. All text the recipe writes carries {@link #CANARY}, which no
 * message may quote.
 */
final class KeyXmlRecipe {

    static final String CANARY = "CANARY";
    static final String DP_NS = "http://schemas.asp.net/2015/03/dataProtection";
    static final String CERT_DECRYPTOR = "Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor";
    static final String CHAOS_DECRYPTOR = "Chaos.Decryptor";

    /** Where the nest, siblings and padding go. */
    enum Container {
        ROOT,
        OUTER_DESCRIPTOR,
        INNER_DESCRIPTOR,
        MASTER_KEY,
        VALUE,
        DATE,
        PLAINTEXT,
        REASON,
        KEY_REFERENCE
    }

    private static final List<Container> KEY_CONTAINERS = List.of(Container.ROOT, Container.OUTER_DESCRIPTOR,
            Container.INNER_DESCRIPTOR, Container.MASTER_KEY, Container.VALUE, Container.DATE, Container.PLAINTEXT);
    private static final List<Container> REVOCATION_CONTAINERS = List.of(Container.ROOT, Container.REASON,
            Container.DATE, Container.KEY_REFERENCE);
    /** Where content changes nothing the parser checks. */
    private static final Set<Container> HARMLESS = Set.of(Container.INNER_DESCRIPTOR, Container.MASTER_KEY,
            Container.VALUE, Container.PLAINTEXT, Container.REASON);
    /** Element names for nests and siblings; {@code :x} and {@code x:} are not namespace-well-formed. */
    private static final List<String> NAMES = List.of("a", "descriptor", "masterKey", "value", "encryptedSecret",
            "p:x", ":x", "x:", "EncryptedData", "key", "revocation");
    private static final List<String> ALGORITHMS = List.of("AES_256_CBC", "AES_128_CBC", "AES_192_CBC", "AES_256_GCM",
            "AES_128_GCM", "HMACSHA256", "HMACSHA512", CANARY, "");
    private static final List<String> DECRYPTOR_TYPES = List.of(CERT_DECRYPTOR + ", Microsoft.AspNetCore.DataProtection",
            CHAOS_DECRYPTOR, "Contoso.Unknown, Contoso", "Chaos.Decryptor\n, forged");

    /**
     * The element and what reading it must do; {@code plaintextDepth} is the depth of the plaintext the certificate
     * decryptor will parse (0 when it parses none).
     */
    record Generated(String xml, Kind rootKind, boolean overLimit, boolean namesWellFormed, boolean mustParse,
            int chaosBehaviour, byte[] masterKey, int plaintextDepth) {

        /** The kinds {@link KeyXml#parse} may fail with for this root. */
        Set<Kind> allowedParseKinds() {
            return Set.of(Kind.MALFORMED, rootKind);
        }
    }

    private KeyXmlRecipe() {
    }

    static Generated generate(FuzzInput in, CertificateEncryption certificate) {
        int root = in.u8() % 3;
        int flags = in.u8();
        byte[] masterKey = in.shortBytes();
        List<Container> containers = root == 0 ? KEY_CONTAINERS : root == 1 ? REVOCATION_CONTAINERS : List.of(Container.ROOT);
        Container container = in.choose(containers);
        Insert insert = new Insert(in.scaled(3_200), in.choose(NAMES), in.scaled(160), in.choose(NAMES),
                in.scaled(19_000));
        String decryptorType = in.choose(DECRYPTOR_TYPES);
        int chaos = in.u8();
        insert.text = CANARY + escape(new String(in.rest(), StandardCharsets.UTF_8));
        XmlOut out = new XmlOut();
        int[] plaintextDepth = { 0 };
        Kind kind;
        boolean valid;
        if (root == 0) {
            kind = Kind.INVALID_KEY;
            valid = (flags & 7) == 0;
            writeKey(out, flags, masterKey, container, insert, decryptorType, certificate, plaintextDepth);
        } else if (root == 1) {
            kind = Kind.INVALID_REVOCATION;
            valid = (flags & 3) == 0;
            writeRevocation(out, flags, container, insert);
        } else {
            kind = Kind.UNKNOWN_ELEMENT;
            valid = false;
            out.open("keyring", "");
            insert.into(out, Container.ROOT, container);
            out.close();
        }
        String xml = out.toString();
        boolean overLimit = out.maxDepth > KeyXml.MAX_DEPTH || out.elements > KeyXml.MAX_ELEMENTS
                || xml.length() > KeyXml.MAX_CHARS;
        boolean wellFormed = insert.namesWellFormed();
        boolean harmless = HARMLESS.contains(container) && (container != Container.PLAINTEXT || (flags & 64) != 0);
        return new Generated(xml, kind, overLimit, wellFormed, valid && wellFormed && !overLimit && harmless, chaos,
                masterKey, plaintextDepth[0]);
    }

    private static void writeKey(XmlOut out, int flags, byte[] masterKey, Container container, Insert insert,
            String decryptorType, CertificateEncryption certificate, int[] plaintextDepth) {
        String id = (flags & 1) != 0 ? CANARY + "-not-a-guid" : "0b6f2c7e-3d1a-4c55-9e8f-2a7b6c5d4e3f";
        String date = (flags & 2) != 0 ? CANARY : "2026-01-01T00:00:00Z";
        out.open("key", " id=\"" + id + "\" version=\"1\"");
        out.open("creationDate", "").text(date);
        insert.into(out, Container.DATE, container);
        out.close();
        out.leaf("activationDate", date).leaf("expirationDate", "2026-04-01T00:00:00Z");
        String deserializer = (flags & 4) != 0 ? "Contoso.Deserializer, Contoso"
                : KeyXml.DESCRIPTOR_DESERIALIZER_TYPE_NAME
                        + ", Microsoft.AspNetCore.DataProtection, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60";
        out.open("descriptor", " deserializerType=\"" + deserializer + "\"").open("descriptor", "");
        boolean gcm = (flags & 32) != 0;
        if ((flags & 8) == 0) {
            out.leafWithAttributes("encryption", " algorithm=\"" + (gcm ? "AES_256_GCM" : "AES_256_CBC") + "\"");
        }
        if ((flags & 16) == 0) {
            out.leafWithAttributes("validation", " algorithm=\"HMACSHA256\"");
        }
        insert.into(out, Container.INNER_DESCRIPTOR, container);
        String base64 = Base64.getEncoder().encodeToString(masterKey);
        if ((flags & 64) != 0) {
            XmlOut plaintext = new XmlOut();
            masterKeyElement(plaintext, base64, insert, container, Container.PLAINTEXT);
            if (decryptorType.equals(DECRYPTOR_TYPES.get(0))) {
                plaintextDepth[0] = plaintext.maxDepth; // only the certificate decryptor parses the plaintext
            }
            out.open("encryptedSecret", " decryptorType=\"" + escape(decryptorType) + "\" xmlns=\"" + DP_NS + "\"");
            certificate.encryptedData(out, plaintext.toString().getBytes(StandardCharsets.UTF_8));
            out.close();
        } else if ((flags & 128) != 0) {
            out.open("encryptedSecret", " decryptorType=\"" + CHAOS_DECRYPTOR + "\" xmlns=\"" + DP_NS + "\"");
            out.leafWithAttributes("sealed", " xmlns=\"\"");
            out.close();
        } else {
            masterKeyElement(out, base64, insert, container, Container.MASTER_KEY);
        }
        out.close();
        insert.into(out, Container.OUTER_DESCRIPTOR, container);
        out.close();
        insert.into(out, Container.ROOT, container);
        out.close();
    }

    /** {@code <masterKey><value>}, stored ({@code here} = MASTER_KEY) or as the plaintext of an encryption. */
    private static void masterKeyElement(XmlOut out, String base64, Insert insert, Container chosen, Container here) {
        out.open("masterKey", "");
        insert.into(out, here, chosen);
        out.open("value", "").text(base64);
        if (here == Container.MASTER_KEY) {
            insert.into(out, Container.VALUE, chosen);
        }
        out.close().close();
    }

    private static void writeRevocation(XmlOut out, int flags, Container container, Insert insert) {
        out.open("revocation", " version=\"1\"");
        out.open("revocationDate", "").text((flags & 2) != 0 ? CANARY : "2026-01-01T00:00:00Z");
        insert.into(out, Container.DATE, container);
        out.close();
        out.open("key", " id=\"" + ((flags & 1) != 0 ? CANARY : "*") + "\"");
        insert.into(out, Container.KEY_REFERENCE, container);
        out.close();
        out.open("reason", "").text(insert.text);
        insert.into(out, Container.REASON, container);
        out.close();
        insert.into(out, Container.ROOT, container);
        out.close();
    }

    /** Text the recipe chose, made safe for element content: markup escaped, characters XML forbids dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** The nest, siblings and padding, written once, into the chosen container. */
    private static final class Insert {

        final int depth;
        final String name;
        final int siblings;
        final String siblingName;
        final int padding;
        String text = "";

        Insert(int depth, String name, int siblings, String siblingName, int padding) {
            this.depth = depth;
            this.name = name;
            this.siblings = siblings;
            this.siblingName = siblingName;
            this.padding = padding;
        }

        boolean namesWellFormed() {
            return (depth == 0 || wellFormed(name)) && (siblings == 0 || wellFormed(siblingName));
        }

        private static boolean wellFormed(String qName) {
            return !qName.startsWith(":") && !qName.endsWith(":");
        }

        void into(XmlOut out, Container here, Container chosen) {
            if (here != chosen) {
                return;
            }
            if (padding > 0) {
                out.raw("<!--" + "p".repeat(padding) + "-->");
            }
            for (int i = 0; i < siblings; i++) {
                out.open(siblingName, declaration(siblingName)).text(text).close();
            }
            for (int i = 0; i < depth; i++) {
                out.open(name, i == 0 ? declaration(name) : "");
            }
            out.text(text);
            for (int i = 0; i < depth; i++) {
                out.close();
            }
        }

        private static String declaration(String qName) {
            return switch (qName) {
                case "p:x" -> " xmlns:p=\"urn:p\"";
                case "encryptedSecret" -> " xmlns=\"" + DP_NS + "\"";
                case "EncryptedData" -> " xmlns=\"http://www.w3.org/2001/04/xmlenc#\"";
                default -> "";
            };
        }
    }

    /** Writes elements and counts them and their depth as it goes, so the recipe knows the limits it crossed. */
    static final class XmlOut {

        private final StringBuilder sb = new StringBuilder();
        private final Deque<String> open = new ArrayDeque<>();
        int maxDepth;
        int elements;

        XmlOut open(String name, String attributes) {
            sb.append('<').append(name).append(attributes).append('>');
            open.push(name);
            elements++;
            maxDepth = Math.max(maxDepth, open.size());
            return this;
        }

        XmlOut close() {
            sb.append("</").append(open.pop()).append('>');
            return this;
        }

        XmlOut leaf(String name, String text) {
            return open(name, "").text(text).close();
        }

        XmlOut leafWithAttributes(String name, String attributes) {
            sb.append('<').append(name).append(attributes).append(" />");
            elements++;
            maxDepth = Math.max(maxDepth, open.size() + 1);
            return this;
        }

        XmlOut text(String text) {
            sb.append(text);
            return this;
        }

        XmlOut raw(String markup) {
            sb.append(markup);
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
