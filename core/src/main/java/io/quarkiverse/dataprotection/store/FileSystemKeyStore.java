package io.quarkiverse.dataprotection.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Keeps each element in its own file in one directory, as ASP.NET Core's {@code FileSystemXmlRepository}:
 * {@code key-<guid>.xml} for keys, {@code revocation-<...>.xml} for revocations, and every {@code *.xml} file read
 * back. Several processes (Java or .NET) may share the directory.
 * <p>
 * Files are written to a temporary name and renamed into place, so a reader never sees half a key. The directory
 * is created readable by its owner only, and so is every file, where the file system supports POSIX permissions.
 * <p>
 * Writers of this class serialize on an exclusive lock of the file {@code .lock} in the directory (and on a lock per
 * directory within one JVM), which makes {@link #addIfVersion} a compare-and-append across processes. The version is
 * a digest of the names, sizes and modification times of the {@code *.xml} files, so it also changes when a .NET
 * application writes a key.
 * <p>
 * Thread-safety: safe for concurrent use, also by several processes.
 */
public final class FileSystemKeyStore implements VersionedKeyStore {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    /** A store over {@code directory}, which is created when it does not exist yet. */
    public FileSystemKeyStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public List<StoredElement> readAll() {
        return readVersioned().elements();
    }

    @Override
    public VersionedElements readVersioned() {
        return locked(() -> new VersionedElements(readUnlocked(), versionUnlocked()));
    }

    @Override
    public String version() {
        return versionUnlocked();
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        return locked(() -> {
            if (!versionUnlocked().equals(expectedVersion)) {
                return false;
            }
            addUnlocked(xml, friendlyName);
            return true;
        });
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        return locked(() -> {
            if (!versionUnlocked().equals(expectedVersion)) {
                return false;
            }
            // Each file appears atomically; a crash part way leaves some elements restored, never half of one.
            elements.forEach(element -> addUnlocked(element.xml(), element.friendlyName()));
            return true;
        });
    }

    private String versionUnlocked() {
        if (!Files.isDirectory(directory)) {
            return "empty";
        }
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.xml")) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    entries.add(file.getFileName() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
                } catch (NoSuchFileException deletedMeanwhile) {
                    // no longer part of the ring
                }
            }
        } catch (IOException e) {
            throw new KeyStoreException("Cannot list the key directory " + directory + ": " + e, e);
        }
        Collections.sort(entries);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            entries.forEach(e -> digest.update((e + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private List<StoredElement> readUnlocked() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<StoredElement> elements = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.xml")) {
            for (Path file : files) {
                try {
                    elements.add(new StoredElement(file.getFileName().toString(),
                            Files.readString(file, StandardCharsets.UTF_8)));
                } catch (NoSuchFileException deletedMeanwhile) {
                    // removed by another process between listing and reading: it is no longer part of the ring
                }
            }
        } catch (IOException e) {
            throw new KeyStoreException("Cannot read the key directory " + directory + ": " + e, e);
        }
        elements.sort((a, b) -> a.name().compareTo(b.name()));
        return elements;
    }

    @Override
    public void add(String xml, String friendlyName) {
        locked(() -> {
            addUnlocked(xml, friendlyName);
            return null;
        });
    }

    private void addUnlocked(String xml, String friendlyName) {
        String baseName = friendlyName != null && SAFE_NAME.matcher(friendlyName).matches() ? friendlyName
                : UUID.randomUUID().toString();
        try {
            createDirectory();
            Path temp = Files.createTempFile(directory, "." + baseName, ".tmp");
            try {
                setOwnerOnly(temp, OWNER_FILE);
                Files.writeString(temp, xml, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                moveIntoPlace(temp, baseName);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new KeyStoreException("Cannot write " + baseName + ".xml to the key directory " + directory + ": " + e, e);
        }
    }

    private void moveIntoPlace(Path temp, String baseName) throws IOException {
        for (int attempt = 0;; attempt++) {
            Path target = directory.resolve(attempt == 0 ? baseName + ".xml" : baseName + "-" + attempt + ".xml");
            if (Files.exists(target)) {
                continue;
            }
            try {
                // ATOMIC_MOVE onto a name that appeared meanwhile would replace it on POSIX; Files.exists above makes
                // that a race between two writers of the same element name, which the suffix then settles.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (FileAlreadyExistsException raced) {
                // another writer took the name: try the next suffix
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, target);
                return;
            }
        }
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        locked(() -> {
            removeUnlocked(elements);
            return null;
        });
    }

    private void removeUnlocked(Collection<StoredElement> elements) {
        for (StoredElement element : elements) {
            if (element.name() == null || !SAFE_NAME.matcher(element.name()).matches()) {
                throw new KeyStoreException("Cannot remove an element this store did not return: " + element);
            }
            try {
                Files.deleteIfExists(directory.resolve(element.name()));
            } catch (IOException e) {
                throw new KeyStoreException("Cannot delete " + element.name() + " from the key directory " + directory
                        + ": " + e, e);
            }
        }
    }

    @Override
    public String description() {
        return "file:" + directory;
    }

    /** Runs {@code action} holding this directory's lock, against other threads and other processes. */
    private <T> T locked(Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
        jvmLock.lock();
        try {
            createDirectory();
            try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new KeyStoreException("Cannot lock the key directory " + directory + ": " + e, e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        setOwnerOnly(directory, OWNER_DIR);
    }

    private static void setOwnerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory inherits its parent's ACL, as ASP.NET's repository relies on too
        }
    }
}
