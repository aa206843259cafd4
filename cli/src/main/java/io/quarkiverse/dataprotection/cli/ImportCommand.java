package io.quarkiverse.dataprotection.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.NetGuid;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code import F}: adds ASP.NET key XML to the store: a {@code <repository>} document (as {@code export} writes), one
 * element's file, or a directory of {@code *.xml} files ({@code key-<id>.xml}, {@code revocation-*.xml}, as ASP.NET's
 * {@code PersistKeysToFileSystem} writes them). Every element is checked before anything is stored; a key whose id
 * the store already holds is skipped, never overwritten, and so is a revocation the store already holds.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Adds the keys and revocations of an XML document or a key directory; never overwrites a key.")
final class ImportCommand extends RingCommand {

    private static final DateTimeFormatter REVOCATION_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Parameters(paramLabel = "FILE", description = "A <repository> document, one element's file, or a directory.")
    Path source;

    @Override
    boolean createsStore() {
        return true;
    }

    @Override
    int run(ConfiguredKeyRing ring) {
        List<StoredElementInfo> incoming = read(source);
        Set<String> present = new HashSet<>();
        try {
            for (StoredElement element : ring.store().readAll()) {
                if (element.isReadable()) {
                    identity(element.xml()).ifPresent(present::add);
                }
            }
            List<String> imported = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            int revocations = 0;
            for (StoredElementInfo info : incoming) {
                String identity = identity(info);
                String label = info.kind() == StoredElementInfo.Kind.KEY ? NetGuid.format(info.keyId())
                        : "revocation of " + (info.keyId() == null ? "every key" : NetGuid.format(info.keyId()));
                if (!present.add(identity)) {
                    skipped.add(label);
                    continue;
                }
                ring.store().add(SafeXml.write(info.element()), friendlyName(info));
                if (info.kind() == StoredElementInfo.Kind.KEY) {
                    imported.add(label);
                } else {
                    revocations++;
                }
            }
            RingView.read(ring);
            report(imported, skipped, revocations);
            return ExitCode.OK;
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        }
    }

    private void report(List<String> imported, List<String> skipped, int revocations) {
        if (json()) {
            out().println(Json.object().put("imported", imported).put("revocationsImported", revocations)
                    .put("skipped", skipped));
            return;
        }
        out().println("Imported " + imported.size() + " keys" + (imported.isEmpty() ? ""
                : " (" + String.join(", ",
                        imported) + ")")
                + " and " + revocations + " revocations");
        skipped.forEach(label -> out().println("Skipped (already in the store): " + label));
    }

    /** Every key and revocation of {@code path}, checked; other elements are skipped with a warning. */
    private List<StoredElementInfo> read(Path path) {
        List<StoredElementInfo> elements = new ArrayList<>();
        for (Path file : files(path)) {
            Element root = parse(file);
            String name = root.getLocalName() == null ? root.getTagName() : root.getLocalName();
            List<Element> candidates = new ArrayList<>();
            if ("repository".equals(name)) {
                for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element child) {
                        candidates.add(child);
                    }
                }
            } else {
                candidates.add(root);
            }
            for (Element candidate : candidates) {
                StoredElementInfo info = check(file, candidate);
                if (info.kind() == StoredElementInfo.Kind.OTHER) {
                    err().println("warning: skipped <" + candidate.getTagName() + "> in " + file
                            + ": neither a key nor a revocation");
                } else {
                    elements.add(info);
                }
            }
        }
        return elements;
    }

    private static List<Path> files(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                return listing.filter(file -> file.getFileName().toString().endsWith(".xml"))
                        .filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw CliException.usage("Cannot list the directory " + path + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(path)) {
            throw CliException.usage("Cannot import " + path + ": no such file or directory");
        }
        return List.of(path);
    }

    private static Element parse(Path file) {
        try {
            return SafeXml.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.usage("Cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("Cannot import " + file + ": " + e.getMessage() + "; nothing was imported");
        }
    }

    private static StoredElementInfo check(Path file, Element element) {
        try {
            return StoredElementInfo.of(element);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("Cannot import " + file + ": " + e.getMessage() + "; nothing was imported");
        }
    }

    /** What makes two elements the same for import: a key's id, or a revocation's target and date. */
    private static Optional<String> identity(String xml) {
        try {
            StoredElementInfo info = StoredElementInfo.of(SafeXml.parse(xml));
            return info.kind() == StoredElementInfo.Kind.OTHER ? Optional.empty()
                    : Optional.of(identity(info));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String identity(StoredElementInfo info) {
        String id = info.keyId() == null ? "*" : NetGuid.format(info.keyId());
        if (info.kind() == StoredElementInfo.Kind.KEY) {
            return "key:" + id;
        }
        return "revocation:" + id + "@" + text(info.element(), "revocationDate");
    }

    private static String text(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element.getTextContent().strip();
            }
        }
        return "";
    }

    private static String friendlyName(StoredElementInfo info) {
        UUID id = info.keyId();
        if (info.kind() == StoredElementInfo.Kind.KEY) {
            return "key-" + NetGuid.format(id);
        }
        return id == null ? "revocation-" + REVOCATION_NAME.format(Instant.now()) : "revocation-" + NetGuid.format(id);
    }
}
