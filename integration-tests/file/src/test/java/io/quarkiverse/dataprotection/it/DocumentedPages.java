package io.quarkiverse.dataprotection.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what the operators' pages under {@code docs/modules/ROOT/pages} promise: their source blocks, the property
 * and environment variable names they mention, and the messages quoted in the first column of their tables.
 * Stateless; every method reads the files again.
 */
final class DocumentedPages {

    /** The reactor root, from this module's directory (where Maven runs its tests). */
    static final Path ROOT = Path.of("..", "..");
    static final Path PAGES = ROOT.resolve("docs/modules/ROOT/pages");

    private static final Pattern SOURCE = Pattern.compile("^\\[source,([a-z]+).*]$");
    private static final Pattern ANCHOR = Pattern.compile("^\\[\\[([a-z0-9-]+)]]$");
    private static final Pattern PROPERTY = Pattern.compile("quarkus\\.data-protection\\.[a-z0-9.\"*-]*[a-z0-9\"*.]");
    private static final Pattern VARIABLE = Pattern.compile("QUARKUS_DATA_PROTECTION_[A-Z0-9_]+");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern JAVA_STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private DocumentedPages() {
    }

    /** One {@code [source,lang]} block, with the {@code [[id]]} anchor above it if any. */
    record Block(String page, String id, String language, String text) {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> blocks(String page) {
        List<String> lines = read(PAGES.resolve(page)).lines().toList();
        List<Block> blocks = new ArrayList<>();
        String id = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher anchor = ANCHOR.matcher(lines.get(i));
            Matcher source = SOURCE.matcher(lines.get(i));
            if (anchor.matches()) {
                id = anchor.group(1);
            } else if (source.matches() && i + 1 < lines.size() && lines.get(i + 1).equals("----")) {
                int end = lines.subList(i + 2, lines.size()).indexOf("----") + i + 2;
                blocks.add(new Block(page, id, source.group(1), String.join("\n", lines.subList(i + 2, end))));
                id = null;
                i = end;
            }
        }
        return blocks;
    }

    static List<Block> blocks(String page, String language) {
        return blocks(page).stream().filter(b -> b.language().equals(language)).toList();
    }

    static Block block(String page, String id) {
        return blocks(page).stream().filter(b -> id.equals(b.id())).findFirst()
                .orElseThrow(() -> new AssertionError(page + " has no block [[" + id + "]]"));
    }

    /** {@code quarkus.data-protection.*} names the page mentions, anywhere. */
    static Set<String> properties(String page) {
        return matches(PROPERTY, read(PAGES.resolve(page)));
    }

    /** {@code QUARKUS_DATA_PROTECTION_*} names the page mentions, anywhere. */
    static Set<String> environmentVariables(String page) {
        return matches(VARIABLE, read(PAGES.resolve(page)));
    }

    /** The property and environment variable names of the generated configuration reference. */
    static Set<String> referenceNames() {
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(PAGES.resolve("includes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".adoc")).toList()) {
                Matcher m = Pattern.compile("\\+\\+\\+((?:quarkus\\.data-protection|QUARKUS_DATA_PROTECTION)[^+]*)\\+\\+\\+")
                        .matcher(read(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * The backticked text of the first cell of every row (after the header) of the page's three-column tables,
     * with whitespace runs made single spaces.
     */
    static List<String> firstColumnQuotes(String page) {
        List<String> quotes = new ArrayList<>();
        String[] parts = read(PAGES.resolve(page)).split("(?m)^\\|===$");
        for (int t = 1; t < parts.length; t += 2) {
            String[] cells = parts[t].split("(?m)(?:^|\\s)\\|(?:\\s|$)");
            List<String> nonEmpty = Stream.of(cells).filter(c -> !c.isBlank()).toList();
            for (int i = 3; i < nonEmpty.size(); i += 3) {
                Matcher m = BACKTICKED.matcher(nonEmpty.get(i));
                while (m.find()) {
                    quotes.add(m.group(1).replaceAll("\\s+", " "));
                }
            }
        }
        return quotes;
    }

    /** Every string literal of the released modules' main Java sources, unescaped. */
    static Set<String> sourceLiterals() {
        Set<String> literals = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(DocumentedPages::isMainSource).toList()) {
                Matcher m = JAVA_STRING.matcher(read(file));
                while (m.find()) {
                    literals.add(m.group(1).replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return literals;
    }

    private static boolean isMainSource(Path file) {
        String path = ROOT.relativize(file).toString().replace('\\', '/');
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.startsWith("integration-tests/")
                && !path.startsWith("benchmarks/") && !path.contains("/target/");
    }

    /**
     * Whether the sources can write {@code text}: it is part of one literal, or the end (two characters or more) of a
     * literal followed by whole literals and the start of another, as string concatenation builds a message. {@code %s}-style
     * format
     * arguments are written as literals around the argument.
     */
    static boolean writable(String text, Set<String> literals) {
        if (literals.stream().anyMatch(l -> l.contains(text))) {
            return true;
        }
        boolean[] reachable = new boolean[text.length() + 1];
        for (int j = 2; j <= text.length(); j++) {
            String head = text.substring(0, j);
            reachable[j] = literals.stream().anyMatch(l -> l.endsWith(head));
        }
        for (int i = 1; i <= text.length(); i++) {
            if (!reachable[i]) {
                continue;
            }
            String rest = text.substring(i);
            if (rest.isEmpty() || literals.stream().anyMatch(l -> l.startsWith(rest))) {
                return true;
            }
            for (String literal : literals) {
                if (isJoinable(literal) && rest.startsWith(literal)) {
                    reachable[i + literal.length()] = true;
                }
            }
        }
        return false;
    }

    /**
     * A literal that may stand whole between two others: a phrase, or punctuation such as {@code ": "}; never a
     * letter or two, from which any text could be spelled.
     */
    private static boolean isJoinable(String literal) {
        return literal.length() >= 4 || !literal.isEmpty() && literal.chars().noneMatch(Character::isLetterOrDigit);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
