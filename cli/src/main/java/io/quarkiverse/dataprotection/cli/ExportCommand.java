package io.quarkiverse.dataprotection.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export [--file F]}: every stored element (keys and revocations) as ASP.NET key XML, exactly as stored
 * (encrypted master keys stay encrypted), in one {@code <repository>} document that {@code import} and ASP.NET's
 * {@code XElement} read. A ring holding an unencrypted master key is only written to a new owner-only file, never to
 * the terminal.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Writes every key and revocation as one <repository> XML document.")
final class ExportCommand extends RingCommand {

    /** A stored element's own byte order mark and XML declaration (file stores keep them); not valid inside. */
    private static final Pattern DECLARATION = Pattern.compile("^\\uFEFF?\\s*(<\\?xml[^?]*\\?>)?\\s*");

    @Option(names = "--file", paramLabel = "FILE", description = "Writes to this new file (readable by its owner only) instead of standard output.")
    Path file;

    @Override
    int run(ConfiguredKeyRing ring) {
        List<StoredElement> elements;
        try {
            elements = ring.store().readAll();
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        }
        List<String> xml = new ArrayList<>();
        boolean unencrypted = false;
        for (StoredElement element : elements) {
            if (!element.isReadable()) {
                err().println("warning: skipped an unreadable element " + element.name() + ": " + element.problem());
                continue;
            }
            try {
                StoredElementInfo info = StoredElementInfo.of(SafeXml.parse(element.xml()));
                unencrypted |= info.encryption() != null && "none".equals(info.encryption().type());
                xml.add(DECLARATION.matcher(element.xml()).replaceFirst(""));
            } catch (IllegalArgumentException e) {
                err().println("warning: skipped element " + element.name() + ": " + e.getMessage());
            }
        }
        String document = "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + System.lineSeparator() + "<repository>"
                + System.lineSeparator() + String.join(System.lineSeparator(), xml) + System.lineSeparator()
                + "</repository>" + System.lineSeparator();
        if (file == null) {
            if (unencrypted) {
                throw CliException.usage("The ring holds master keys stored unencrypted; export them with --file "
                        + "FILE (created readable by its owner only), never to the terminal");
            }
            out().print(document);
        } else {
            write(document);
            err().println("Exported " + xml.size() + " elements to " + file);
        }
        return ExitCode.OK;
    }

    private void write(String document) {
        try {
            Files.createFile(file.toAbsolutePath(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw CliException.usage("--file " + file + " exists; export never overwrites a file, give a new name");
        } catch (UnsupportedOperationException e) {
            // No POSIX permissions here (Windows): the file is created below with the directory's defaults.
        } catch (IOException e) {
            throw CliException.usage("Cannot create --file " + file + ": " + e.getMessage());
        }
        try {
            Files.writeString(file, document, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw CliException.usage("Cannot write --file " + file + ": " + e.getMessage());
        }
    }
}
