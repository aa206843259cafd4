package io.quarkiverse.dataprotection.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Reads the {@code *.xml} entries of a key directory without any lock and with read permission only. A file read
 * before is not read again while its size, modification time and file key (inode) are unchanged (every writer
 * replaces files by renaming, never rewrites them), so a read of a large ring costs a listing and a {@code stat} per
 * file, plus reading the new files. One odd entry
 * never fails the read: a file that is not valid UTF-8, cannot be read or is implausibly large becomes
 * {@link StoredElement#unreadable}; a directory (or anything else that is not a regular file) named {@code *.xml}
 * is no entry at all and is skipped with one warning. Only a directory that cannot be listed fails the read.
 * <p>
 * Thread-safety: safe for concurrent use; the warnings are logged once per instance.
 */
final class KeyFiles {

    private static final Logger LOG = Logger.getLogger(FileSystemXmlRepository.class);

    /** Far above any key element (a certificate-encrypted key is a few KiB), and small enough to hold in memory. */
    static final int MAX_ELEMENT_BYTES = 1 << 20;
    private static final char BOM = '\uFEFF';

    private final Path directory;
    private final Map<String, CachedFile> cache = new ConcurrentHashMap<>();
    private final Set<String> skippedWarned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean permissionsChecked = new AtomicBoolean();

    KeyFiles(Path directory) {
        this.directory = directory;
    }

    /** Every entry, sorted by name; empty when the directory does not exist. */
    List<StoredElement> read() {
        if (!exists()) {
            return List.of();
        }
        warnIfOpenToOthers();
        List<StoredElement> elements = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.xml")) {
            for (Path file : files) {
                listed.add(file.getFileName().toString());
                StoredElement element = readEntry(file);
                if (element != null) {
                    elements.add(element);
                }
            }
        } catch (IOException e) {
            throw FileStoreErrors.cannotList(directory, e);
        } catch (DirectoryIteratorException e) {
            throw FileStoreErrors.cannotList(directory, e.getCause());
        }
        cache.keySet().retainAll(listed);
        elements.sort((a, b) -> a.name().compareTo(b.name()));
        return elements;
    }

    /**
     * Whether the directory exists. Only a directory that is not there reads as empty (a first start): one this
     * user cannot reach must not look empty, or an instance would decide the ring has no keys.
     */
    private boolean exists() {
        try {
            if (!Files.readAttributes(directory, BasicFileAttributes.class).isDirectory()) {
                throw new XmlRepositoryException("The key directory " + directory + " is not a directory; point the "
                        + "file key store at a directory (it is created at the first write when missing)");
            }
            return true;
        } catch (NoSuchFileException missing) {
            return false;
        } catch (IOException e) {
            throw FileStoreErrors.cannotList(directory, e);
        }
    }

    /** The entry, unreadable with a reason, or {@code null} when it is gone or is not a file. */
    private StoredElement readEntry(Path file) {
        String name = file.getFileName().toString();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                skip(name, attributes.isDirectory() ? "it is a directory" : "it is not a regular file");
                return null;
            }
            if (attributes.size() > MAX_ELEMENT_BYTES) {
                return StoredElement.unreadable(name, "larger than " + MAX_ELEMENT_BYTES + " bytes");
            }
            CachedFile cached = cache.get(name);
            if (cached != null && cached.isStill(attributes)) {
                return cached.element();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_ELEMENT_BYTES + 1); // it may have grown since
            }
            if (bytes.length > MAX_ELEMENT_BYTES) {
                return StoredElement.unreadable(name, "larger than " + MAX_ELEMENT_BYTES + " bytes");
            }
            String xml = decode(bytes);
            if (xml == null) {
                return StoredElement.unreadable(name, "not valid UTF-8");
            }
            StoredElement element = new StoredElement(name, xml);
            if (bytes.length == attributes.size()) { // else it changed while being read: read it again next time
                cache.put(name, new CachedFile(attributes, element));
            }
            return element;
        } catch (NoSuchFileException gone) {
            if (Files.isSymbolicLink(file)) {
                skip(name, "it is a symbolic link to nothing");
            }
            return null; // or removed by another process between listing and reading: no longer part of the ring
        } catch (AccessDeniedException e) {
            return StoredElement.unreadable(name, "permission denied for user " + System.getProperty("user.name"));
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getClass().getSimpleName();
            return StoredElement.unreadable(name, "cannot be read: " + reason);
        }
    }

    /**
     * A file's content as last read, with what identifies that version of the file. Unreadable entries are never
     * cached, so a permission fixed later (which changes no modification time) is seen at the next read.
     */
    private record CachedFile(long size, FileTime modified, Object fileKey, StoredElement element) {

        CachedFile(BasicFileAttributes attributes, StoredElement element) {
            this(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey(), element);
        }

        boolean isStill(BasicFileAttributes attributes) {
            return size == attributes.size() && modified.equals(attributes.lastModifiedTime())
                    && java.util.Objects.equals(fileKey, attributes.fileKey());
        }
    }

    /** Strict UTF-8, as .NET writes it; a leading byte order mark is dropped. {@code null} when malformed. */
    static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        } catch (CharacterCodingException malformed) {
            return null;
        }
    }

    private void skip(String name, String why) {
        if (skippedWarned.add(name)) {
            LOG.warnf("Skipping %s in the key directory %s: %s, not a key or revocation file", name, directory, why);
        }
    }

    /** Warns once when users other than the owner may list or enter the directory: its files may hold master keys. */
    private void warnIfOpenToOthers() {
        if (permissionsChecked.getAndSet(true)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                LOG.warnf("The key directory %s is open to other users (%s): unless keys are encrypted at rest, its "
                        + "files hold master keys in the clear. Restrict it: chmod 700 %s (and chmod 600 %s/*.xml); "
                        + "for a Kubernetes volume set defaultMode 0400 or 0440 with an fsGroup",
                        directory, PosixFilePermissions.toString(permissions), directory, directory);
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows ACLs, or no longer there: nothing to say
        }
    }
}
