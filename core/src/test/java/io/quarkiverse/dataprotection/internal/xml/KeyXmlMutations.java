package io.quarkiverse.dataprotection.internal.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded text mutations of real key elements for {@link KeyHeaderDifferentialTest}: each one changes what the header
 * reader must get right (attribute and child order, namespaces, CDATA, character references, duplicated children,
 * comments and processing instructions, whitespace, missing or extra parts), or breaks the XML.
 */
final class KeyXmlMutations {

    private static final String[] DATES = { "creationDate", "activationDate", "expirationDate" };
    private static final Pattern ROOT_TAG = Pattern.compile("<key(\\s[^>]*)?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s+([\\w:]+)=\"([^\"]*)\"");
    private static final Pattern OUTER_DESCRIPTOR = Pattern.compile("<descriptor deserializerType=\"[^\"]*\">");
    private static final String OTHER_DATE = "1999-12-31T23:59:59.9999999Z";

    private final List<BiFunction<String, Random, String>> mutations = List.of(
            KeyXmlMutations::shuffleRootAttributes, KeyXmlMutations::moveDate, KeyXmlMutations::namespace,
            KeyXmlMutations::cdata, KeyXmlMutations::duplicate, KeyXmlMutations::commentOrInstruction,
            KeyXmlMutations::whitespace, KeyXmlMutations::remove, KeyXmlMutations::characterReference,
            KeyXmlMutations::childInDate, KeyXmlMutations::truncate, KeyXmlMutations::replaceCharacter,
            KeyXmlMutations::version, KeyXmlMutations::rename, KeyXmlMutations::prologueAndEpilogue,
            KeyXmlMutations::descriptorChildren);
    private final Random random;

    KeyXmlMutations(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations of {@code xml}. */
    String mutate(String xml) {
        String text = xml;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            text = mutations.get(random.nextInt(mutations.size())).apply(text, random);
        }
        return text;
    }

    private static String shuffleRootAttributes(String xml, Random r) {
        Matcher root = ROOT_TAG.matcher(xml);
        if (!root.find() || root.group(1) == null) {
            return xml;
        }
        List<String> attributes = new ArrayList<>();
        Matcher a = ATTRIBUTE.matcher(root.group(1));
        while (a.find()) {
            attributes.add(a.group().strip());
        }
        if (r.nextBoolean()) {
            attributes.add(r.nextBoolean() ? "xmlns:q=\"urn:q\" q:id=\"00000000-0000-0000-0000-000000000001\""
                    : "extra=\"x\"");
        }
        Collections.shuffle(attributes, r);
        return xml.substring(0, root.start()) + "<key " + String.join(r.nextBoolean() ? " " : "\n  ", attributes) + ">"
                + xml.substring(root.end());
    }

    private static String moveDate(String xml, Random r) {
        String name = DATES[r.nextInt(DATES.length)];
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        if (start < 0 || end < start) {
            return xml;
        }
        String element = xml.substring(start, end + name.length() + 3);
        String without = xml.substring(0, start) + xml.substring(end + name.length() + 3);
        int at = r.nextBoolean() ? without.lastIndexOf("</key>") : rootEnd(without);
        return at < 0 ? xml : without.substring(0, at) + element + without.substring(at);
    }

    private static String namespace(String xml, Random r) {
        String name = r.nextInt(4) == 0 ? "descriptor deserializerType" : DATES[r.nextInt(DATES.length)];
        String tag = "<" + name + (name.contains(" ") ? "" : ">");
        int at = xml.indexOf(tag);
        if (at < 0) {
            return xml;
        }
        String element = name.split(" ")[0];
        return switch (r.nextInt(5)) {
            case 0 -> insert(xml, at + element.length() + 1, " xmlns=\"urn:x\"");
            case 1 -> insert(xml, at + element.length() + 1, " xmlns=\"\"");
            case 2 -> xml.replaceFirst("<" + element + "([ >])", "<p:" + element + " xmlns:p=\"urn:p\"$1")
                    .replaceFirst("</" + element + ">(?![\\s\\S]*</" + element + ">)", "</p:" + element + ">");
            case 3 -> insertAtRoot(xml, " xmlns=\"urn:root\"");
            default -> insertAtRoot(xml, " xmlns:p4=\"" + SecureXml.DP_NAMESPACE + "\"");
        };
    }

    private static String cdata(String xml, Random r) {
        return aroundDateText(xml, r, text -> {
            int split = r.nextInt(text.length() + 1);
            return r.nextBoolean() ? "<![CDATA[" + text + "]]>"
                    : text.substring(0, split) + "<![CDATA[" + text.substring(split) + "]]>";
        });
    }

    private static String duplicate(String xml, Random r) {
        if (r.nextInt(3) == 0) {
            String extra = "<descriptor deserializerType=\"Other.Type, Other\"><a /><b /></descriptor>";
            int at = r.nextBoolean() ? xml.lastIndexOf("</key>") : rootEnd(xml);
            return at < 0 ? xml : insert(xml, at, extra);
        }
        String name = DATES[r.nextInt(DATES.length)];
        String copy = "<" + name + ">" + OTHER_DATE + "</" + name + ">";
        int at = r.nextBoolean() ? xml.indexOf("<" + name + ">") : xml.lastIndexOf("</key>");
        return at < 0 ? xml : insert(xml, at, copy);
    }

    private static String commentOrInstruction(String xml, Random r) {
        String node = r.nextBoolean() ? "<!-- c -->" : "<?pi data?>";
        if (r.nextBoolean()) {
            return aroundDateText(xml, r, text -> {
                int split = r.nextInt(text.length() + 1);
                return text.substring(0, split) + node + text.substring(split);
            });
        }
        return insertAfterRandomTag(xml, r, node);
    }

    private static String whitespace(String xml, Random r) {
        String space = List.of(" ", "\n", "\r\n", "\t", "  \n  ").get(r.nextInt(5));
        if (r.nextBoolean()) {
            return aroundDateText(xml, r, text -> r.nextBoolean() ? space + text : text + space);
        }
        return insertAfterRandomTag(xml, r, space);
    }

    private static String remove(String xml, Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> xml.replaceFirst(" id=\"[^\"]*\"", "");
            case 1 -> xml.replaceFirst(" version=\"[^\"]*\"", "");
            case 2 -> xml.replaceFirst(" deserializerType=\"[^\"]*\"", r.nextBoolean() ? "" : " deserializerType=\" \"");
            case 3 -> {
                String name = DATES[r.nextInt(DATES.length)];
                yield xml.replaceFirst("<" + name + ">[^<]*</" + name + ">", "");
            }
            default -> xml.replaceFirst("<descriptor deserializerType=\"[^\"]*\">", "<notDescriptor>")
                    .replaceFirst("</descriptor>(\\s*)</key>", "</notDescriptor>$1</key>");
        };
    }

    private static String characterReference(String xml, Random r) {
        if (r.nextBoolean()) {
            return aroundDateText(xml, r, text -> text.isEmpty() ? text
                    : "&#" + (int) text.charAt(0) + ";" + text.substring(1, text.length() - 1) + "&#x"
                            + Integer.toHexString(text.charAt(text.length() - 1)) + ";");
        }
        return xml.replaceFirst("id=\"(.)", "id=\"&#x" + Integer.toHexString(xml.charAt(Math.max(0,
                xml.indexOf("id=\"") + 4))) + ";").replaceFirst("Version=", "Version&#61;");
    }

    private static String childInDate(String xml, Random r) {
        return aroundDateText(xml, r, text -> {
            int split = r.nextInt(text.length() + 1);
            String open = r.nextBoolean() ? "<b>" : "<x:b xmlns:x=\"urn:x\">";
            String close = open.startsWith("<b") ? "</b>" : "</x:b>";
            return text.substring(0, split) + open + text.substring(split) + close;
        });
    }

    private static String truncate(String xml, Random r) {
        return xml.substring(0, r.nextInt(xml.length() + 1));
    }

    private static String replaceCharacter(String xml, Random r) {
        if (xml.isEmpty()) {
            return xml;
        }
        int at = r.nextInt(xml.length());
        String by = String.valueOf("<>&\"':=/ xZ0-".charAt(r.nextInt(13)));
        return xml.substring(0, at) + by + xml.substring(at + 1);
    }

    private static String version(String xml, Random r) {
        String value = List.of(" 1 ", "2", "", "01", "1").get(r.nextInt(5));
        return xml.replaceFirst("version=\"1\"", "version=\"" + value + "\"");
    }

    private static String rename(String xml, Random r) {
        String name = r.nextInt(4) == 0 ? "key" : DATES[r.nextInt(DATES.length)];
        String to = r.nextBoolean() ? name.toLowerCase() : "revocation";
        return xml.replaceFirst("<" + name + "([ >])", "<" + to + "$1").replaceFirst("</" + name + ">", "</" + to + ">");
    }

    private static String prologueAndEpilogue(String xml, Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "\uFEFF" + xml;
            case 1 -> xml.startsWith("<?xml") ? xml : "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + xml;
            case 2 -> xml + "\n<!-- after -->\n";
            default -> xml + "<key />";
        };
    }

    private static String descriptorChildren(String xml, Random r) {
        Matcher outer = OUTER_DESCRIPTOR.matcher(xml);
        if (!outer.find()) {
            return xml;
        }
        String extra = List.of("<extra />", "<q:extra xmlns:q=\"urn:q\" />", "<!-- only a comment -->", "text")
                .get(r.nextInt(4));
        if (r.nextInt(4) == 0) {
            // an empty outer descriptor
            int end = xml.lastIndexOf("</descriptor>");
            return end < outer.end() ? xml : xml.substring(0, outer.end()) + xml.substring(end);
        }
        return insert(xml, outer.end(), extra);
    }

    private static String aroundDateText(String xml, Random r, java.util.function.UnaryOperator<String> change) {
        String name = DATES[r.nextInt(DATES.length)];
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        if (!m.find()) {
            return xml;
        }
        return xml.substring(0, m.start(1)) + change.apply(m.group(1)) + xml.substring(m.end(1));
    }

    private static String insertAfterRandomTag(String xml, Random r, String text) {
        List<Integer> ends = new ArrayList<>();
        for (int i = xml.indexOf('>'); i >= 0; i = xml.indexOf('>', i + 1)) {
            ends.add(i + 1);
        }
        return ends.isEmpty() ? xml : insert(xml, ends.get(r.nextInt(ends.size())), text);
    }

    private static String insertAtRoot(String xml, String attribute) {
        Matcher root = ROOT_TAG.matcher(xml);
        return root.find() ? insert(xml, root.start() + 4, attribute) : xml;
    }

    private static int rootEnd(String xml) {
        Matcher root = ROOT_TAG.matcher(xml);
        return root.find() ? root.end() : -1;
    }

    private static String insert(String xml, int at, String text) {
        return xml.substring(0, at) + text + xml.substring(at);
    }
}
