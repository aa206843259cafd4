package io.quarkiverse.dataprotection.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Keeps each element in its own file in one directory, as ASP.NET Core's {@code FileSystemXmlRepository}:
 * {@code key-<guid>.xml} for keys, {@code revocation-<...>.xml} for revocations, and every {@code *.xml} file read
 * back. Several processes (Java or .NET) may share the directory.
 * <p>
 * Files are written to a temporary name and renamed into place, so a reader never sees half a key. The directory
 * is created readable by its owner only, and so is every file, where the file system supports POSIX permissions.
 * <p>
 * <b>Reading</b> needs only read permission and takes no lock, so a read-only directory (a Kubernetes Secret or
 * ConfigMap mount, a read-only volume) serves its keys. {@link #readVersioned} reads the version before and after
 * the files and reads again (a few times at most) when a writer changed the directory in between. A file already read
 * is read again only when its size, modification time or inode changed. One odd entry
 * never fails a read (see {@link StoredElement#unreadable}): a file that is not valid UTF-8 (a leading byte order
 * mark is fine) or that cannot be read is returned as unreadable, a directory named {@code *.xml} is skipped with a
 * warning. The first read warns when the directory is open to other users.
 * <p>
 * <b>Writers</b> serialize on an exclusive lock of the file {@code .lock} in the directory (and on a lock per
 * directory within one JVM), waited for at most the lock timeout, which makes {@link #addIfVersion} a
 * compare-and-append across processes. A write that cannot get the lock, or is refused by the file system, fails
 * with a {@link XmlRepositoryException} naming the directory, the cause and the fix.
 * <p>
 * <b>The version</b> costs the same whatever the number of files: the directory's modification time, which every
 * writer changes (a .NET application included), and a marker file {@code .version} that writers of this library
 * replace with each change (see {@link DirectoryVersion}, also for the brief "not settled" window after a change).
 * <p>
 * Thread-safety: safe for concurrent use, also by several processes.
 */
public final class FileSystemXmlRepository implements VersionedXmlRepository {

    /** How long a write waits for another writer's lock by default. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** How often a read starts again because a writer changed the directory meanwhile, before it settles. */
    static final int READ_ATTEMPTS = 5;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final KeyFiles files;
    private final DirectoryVersion version;
    private final DirectoryLock lock;

    /** A store over {@code directory}, created at the first write when it does not exist yet. */
    public FileSystemXmlRepository(Path directory) {
        this(directory, DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * A store over {@code directory} whose writes wait at most {@code lockTimeout} for another writer.
     *
     * @throws IllegalArgumentException when {@code lockTimeout} is not positive
     */
    public FileSystemXmlRepository(Path directory, Duration lockTimeout) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("The key directory's lock timeout must be positive, was " + lockTimeout
                    + "; use e.g. " + DEFAULT_LOCK_TIMEOUT);
        }
        this.files = new KeyFiles(this.directory);
        this.version = new DirectoryVersion(this.directory);
        this.lock = new DirectoryLock(this.directory, lockTimeout);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public List<StoredElement> readAll() {
        return readVersioned().elements();
    }

    /**
     * The elements with the version read <em>before</em> them. Should writers keep changing the directory through
     * every attempt, that version is older than some element read, so a compare-and-append against it fails and the
     * caller reads again, rather than deciding on a mixed read.
     */
    @Override
    public VersionedElements readVersioned() {
        String before = version.current();
        for (int attempt = 1;; attempt++) {
            List<StoredElement> elements = files.read();
            String after = version.current();
            if (DirectoryVersion.stable(after).equals(DirectoryVersion.stable(before)) || attempt == READ_ATTEMPTS) {
                return new VersionedElements(elements, before);
            }
            before = after;
        }
    }

    /** {@inheritDoc} Constant time: a {@code stat} of the directory and a read of its small marker file. */
    @Override
    public String version() {
        return version.current();
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        return locked(() -> {
            if (!isAt(expectedVersion)) {
                return false;
            }
            addUnlocked(xml, friendlyName);
            return true;
        });
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        return locked(() -> {
            if (!isAt(expectedVersion)) {
                return false;
            }
            // Each file appears atomically; a crash part way leaves some elements restored, never half of one.
            elements.forEach(element -> addUnlocked(element.xml(), element.friendlyName()));
            return true;
        });
    }

    /** Under the lock: whether no writer changed the directory since {@code expectedVersion} was read. */
    private boolean isAt(String expectedVersion) {
        return DirectoryVersion.stable(version.current()).equals(DirectoryVersion.stable(expectedVersion));
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
            Path temp = Files.createTempFile(directory, "." + baseName, ".tmp");
            try {
                setOwnerOnly(temp, OWNER_FILE);
                Files.writeString(temp, xml, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                moveIntoPlace(temp, baseName);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw FileStoreErrors.cannotWrite(directory, "write " + baseName + ".xml to the key directory "
                    + directory, e);
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
                throw new XmlRepositoryException("Cannot remove an element this store did not return: " + element);
            }
            try {
                Files.deleteIfExists(directory.resolve(element.name()));
            } catch (IOException e) {
                throw FileStoreErrors.cannotWrite(directory, "delete " + element.name() + " from the key directory "
                        + directory, e);
            }
        }
    }

    @Override
    public String description() {
        return "file:" + directory;
    }

    /**
     * Runs {@code action} holding the writers' lock, creating the directory first if needed, and then replaces the
     * version marker, so that the version changes with every write (also when the action threw part way or changed
     * nothing: a spurious new version costs a reader one read, a missed one would cost a missed change).
     */
    private <T> T locked(Supplier<T> action) {
        try {
            createDirectory();
        } catch (IOException e) {
            throw FileStoreErrors.cannotWrite(directory, "create the key directory " + directory, e);
        }
        return lock.run(() -> {
            T result;
            try {
                result = action.get();
            } catch (RuntimeException e) {
                try {
                    bumpVersion(); // it may have changed something before it failed
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
            if (!Boolean.FALSE.equals(result)) { // FALSE: a compare-and-append that did not append
                bumpVersion();
            }
            return result;
        });
    }

    private void bumpVersion() {
        try {
            version.bump();
        } catch (IOException e) {
            throw FileStoreErrors.cannotWrite(directory, "replace the version marker " + DirectoryVersion.MARKER_FILE
                    + " in the key directory " + directory, e);
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
