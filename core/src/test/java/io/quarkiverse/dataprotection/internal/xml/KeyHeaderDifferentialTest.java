package io.quarkiverse.dataprotection.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;

/**
 * {@link KeyXml#parseHeader} (one streaming pass, no DOM) and {@link KeyXml#parse} (the DOM reader) agree on every
 * golden file, every hostile input of {@link KeyXmlHostileTest} and {@link KeyXmlMalformedTest}, and thousands of
 * seeded mutations of real key elements ({@link KeyXmlMutations}): the same key or revocation, or the same kind and
 * message. The DOM reader is the reference, tested against ASP.NET's rules by the other KeyXml tests.
 */
class KeyHeaderDifferentialTest {

    private static final String ID = KeyXmlHostileTest.ID;
    private static final String MASTER_KEY = KeyXmlHostileTest.MASTER_KEY;
    private static final int MUTANTS_PER_KEY = 700;

    @Test
    void everyGoldenFile_bothReadersAgree() throws IOException, URISyntaxException {
        List<String> outcomes = new ArrayList<>();
        for (Path file : goldenFiles()) {
            outcomes.add(KeyHeaderDifferential.check(Files.readString(file)));
        }

        assertThat(outcomes).hasSize(7).filteredOn(o -> o.startsWith("key ")).hasSize(5);
        assertThat(outcomes).filteredOn(o -> o.startsWith("RevocationElement")).hasSize(2);
    }

    @Test
    void hostileInputs_bothReadersAgree_andFailAsBefore() {
        Map<String, String> outcomes = new TreeMap<>();
        hostileInputs().forEach((name, xml) -> outcomes.put(name, KeyHeaderDifferential.check(xml)));

        assertThat(outcomes).containsEntry("nestedAtTheLimit", "key " + ID + " 2026-01-01T00:00:00Z 2026-01-01T00:00:00Z "
                + "2026-04-01T00:00:00Z " + KeyXmlWriter.DESCRIPTOR_DESERIALIZER_TYPE);
        assertThat(outcomes.get("keyNested1786Deep")).startsWith("INVALID_KEY: <key> has elements nested deeper");
        assertThat(outcomes.get("keyWithTooManyElements")).startsWith("INVALID_KEY: <key> has more than");
        assertThat(outcomes.get("oversizedKey")).startsWith("INVALID_KEY: <key> is longer than");
        assertThat(outcomes.get("emptyPrefixOnTheRoot")).startsWith("MALFORMED:");
        assertThat(outcomes.get("doctype")).startsWith("MALFORMED: Key ring element declares a DTD");
    }

    @Test
    void seededMutationsOfRealKeys_bothReadersAgree() throws IOException, URISyntaxException {
        List<String> keys = new ArrayList<>();
        for (Path file : goldenFiles()) {
            String xml = Files.readString(file);
            if (!file.getFileName().toString().startsWith("revocation")) {
                keys.add(xml);
            }
        }
        keys.add(writtenKey());
        Map<String, Integer> kinds = new TreeMap<>();
        KeyXmlMutations mutations = new KeyXmlMutations(20261202L);

        for (String key : keys) {
            for (int i = 0; i < MUTANTS_PER_KEY; i++) {
                String mutant = mutations.mutate(key);
                String outcome = KeyHeaderDifferential.check(mutant);
                kinds.merge(outcome.startsWith("key ") ? "key" : outcome.split("[: ]")[0], 1, Integer::sum);
            }
        }

        // The mutations reach every outcome the header reader has to reproduce, not only refusals.
        assertThat(kinds.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(keys.size() * MUTANTS_PER_KEY);
        assertThat(kinds).containsKeys("key", "MALFORMED", "INVALID_KEY", "UNKNOWN_ELEMENT", "INVALID_REVOCATION")
                .doesNotContainKey("unexpected");
        assertThat(kinds.get("key")).isGreaterThan(500);
        assertThat(kinds.get("INVALID_KEY")).isGreaterThan(500);
    }

    private static List<Path> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(KeyHeaderDifferentialTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static String writtenKey() {
        Instant now = Instant.parse("2026-01-01T00:00:00.1234567Z");
        return KeyXml.writeKey(UUID.fromString(ID), now, now, now.plusSeconds(86_400 * 90), AlgorithmConfiguration.DEFAULT,
                Secret.copyOf(new byte[64]), null);
    }

    /** The inputs of the hostile and malformed tests, rebuilt with their helpers. */
    private static Map<String, String> hostileInputs() {
        Map<String, String> inputs = new TreeMap<>();
        inputs.put("keyNested1786Deep", KeyXmlHostileTest.key(ID, MASTER_KEY, KeyXmlHostileTest.nested("a", 1786, "S")));
        inputs.put("revocationNested20000Deep", KeyXmlHostileTest.revocation(KeyXmlHostileTest.nested("a", 20_000, "S")));
        inputs.put("unknownRootNested20000Deep", KeyXmlHostileTest.nested("SECRET", 20_000, ""));
        inputs.put("namespacedKeyRootNestedDeep", "<key xmlns=\"urn:x\">" + KeyXmlHostileTest.nested("a", 100, "S")
                + "</key>");
        inputs.put("nestedAtTheLimit", KeyXmlHostileTest.key(ID, MASTER_KEY, KeyXmlHostileTest.nested("a", 61, "S")));
        inputs.put("nestedOneOverTheLimit", KeyXmlHostileTest.key(ID, MASTER_KEY, KeyXmlHostileTest.nested("a", 62, "")));
        inputs.put("keyWithTooManyElements", KeyXmlHostileTest.key(ID, MASTER_KEY,
                "<a>S</a>".repeat(SecureXml.MAX_ELEMENTS)));
        inputs.put("oversizedKey", KeyXmlHostileTest.key(ID, MASTER_KEY, "<!--" + "S".repeat(SecureXml.MAX_CHARS) + "-->"));
        inputs.put("oversizedRevocation", KeyXmlHostileTest.revocation("S".repeat(SecureXml.MAX_CHARS)));
        String docs = Golden.read("docs-sample-key.xml");
        inputs.put("elementNameWithEmptyPrefix", docs.replace("<validation ", "<:validation "));
        inputs.put("attributeNameWithEmptyPrefix", docs.replace("<encryption algorithm=", "<encryption :lgorithm="));
        inputs.put("emptyPrefixOnTheRoot", "<:key id=\"SECRET\" />");
        inputs.put("notXml", "SECRET k88VrwGLINfVAqzlAp7U4EAjdlmUG17c< not xml");
        inputs.put("truncated", "<key id=\"" + ID + "\" version=\"1\"><value>SECRET");
        inputs.put("empty", "");
        inputs.put("blank", " \n ");
        inputs.put("doctype", "<?xml version=\"1.0\"?><!DOCTYPE key [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<key>&x;SECRET</key>");
        inputs.put("entityExpansion", "<!DOCTYPE r [<!ENTITY a \"SS\"><!ENTITY b \"&a;&a;\">]><r>&b;</r>");
        inputs.put("undefinedEntity", "<key id=\"" + ID + "\">&x;</key>");
        inputs.put("wrongRoot", "<keys><value>SECRET</value></keys>");
        inputs.put("longUnknownRoot", "<" + "k".repeat(100) + " />");
        inputs.put("namespacedRoot", "<key xmlns=\"urn:SECRET\" />");
        inputs.put("prefixedRoot", "<p:key xmlns:p=\"urn:p\" id=\"" + ID + "\" />");
        inputs.put("badGuid", "<key id=\"SECRET-not-a-guid\" version=\"1\" />");
        inputs.put("unknownVersion", "<key id=\"" + ID + "\" version=\"2\"><x>SECRET</x></key>");
        inputs.put("badDate", "<key id=\"" + ID + "\" version=\"1\"><creationDate>SECRET</creationDate></key>");
        inputs.put("revocationWithoutKey", "<revocation version=\"1\"><revocationDate>2015-03-20T22:45:45Z"
                + "</revocationDate><reason>SECRET</reason></revocation>");
        inputs.put("massRevocationNoDate", "<revocation version=\"1\"><key id=\"*\" /><reason>S</reason></revocation>");
        return inputs;
    }
}
