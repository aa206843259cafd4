package io.quarkiverse.dataprotection.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * The version of a key directory in constant time, whatever the number of files: {@code <marker>:<mtime>}, where
 * {@code marker} is the content of the file {@value #MARKER_FILE}, a random token every writer of this library
 * replaces (under the writers' lock) with each change it makes, and {@code mtime} the directory's own modification
 * time in nanoseconds, which changes whenever any process, a .NET one included, adds, removes or renames an entry.
 * Neither is a file ASP.NET reads ({@code *.xml} only).
 * <p>
 * The marker makes every change of ours a new version even when the file system's clock ticks coarsely (1 ms to 2 s);
 * the modification time catches everyone else, with one gap: a foreign change in the same clock tick as the change
 * before it leaves it unchanged. So while the modification time is less than {@link #RACY_WINDOW_MILLIS} old (or in the
 * future, on a skewed clock), the version carries a suffix {@code ~<n>} that differs at every call, and pollers read
 * the directory until it has settled (git's "racily clean" index entries follow the same rule). The suffix never
 * takes part in a compare-and-append ({@link #stable}). A change that touches no directory entry (a file rewritten in
 * place, which no ASP.NET or Java writer does) is found by the key ring's periodic full read, as is a change on a
 * network file system whose client caches directory attributes.
 * <p>
 * Thread-safety: safe for concurrent use; {@link #bump} must be called under the writers' lock.
 */
final class DirectoryVersion {

    static final String MARKER_FILE = ".version";
    /** Longer than the coarsest modification-time resolution of common file systems (FAT: 2 s). */
    static final long RACY_WINDOW_MILLIS = 3_000;
    private static final char UNSETTLED = '~';

    private final Path directory;
    private final AtomicLong unsettledReads = new AtomicLong();

    DirectoryVersion(Path directory) {
        this.directory = directory;
    }

    /**
     * The current version: {@code "empty"} when the directory does not exist.
     *
     * @throws XmlRepositoryException when the path is not a directory or cannot be reached
     */
    String current() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return "empty";
        } catch (IOException e) {
            throw FileStoreErrors.cannotList(directory, e);
        }
        if (!attributes.isDirectory()) {
            throw new XmlRepositoryException("The key directory " + directory + " is not a directory; point the file "
                    + "key store at a directory (it is created at the first write when missing)");
        }
        long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        String stable = marker() + ":" + modified;
        long age = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(modified);
        return age < 0 || age < RACY_WINDOW_MILLIS ? stable + UNSETTLED + unsettledReads.incrementAndGet() : stable;
    }

    /** {@code version} without its "not settled yet" suffix: what a compare-and-append compares. */
    static String stable(String version) {
        int suffix = version.indexOf(UNSETTLED);
        return suffix < 0 ? version : version.substring(0, suffix);
    }

    /** Replaces the marker with a new token, atomically (a temporary file renamed into place). */
    void bump() throws IOException {
        Path temp = Files.createTempFile(directory, MARKER_FILE, ".tmp");
        try {
            Files.writeString(temp, UUID.randomUUID().toString(), StandardCharsets.US_ASCII);
            try {
                Files.move(temp, directory.resolve(MARKER_FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, directory.resolve(MARKER_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The marker's token; {@code "-"} before any writer of this library wrote one (or in a read-only mount). */
    private String marker() {
        try {
            String token = Files.readString(directory.resolve(MARKER_FILE), StandardCharsets.US_ASCII).strip();
            // A token is a UUID; anything else (hand-edited, damaged) still identifies the state, but briefly.
            return token.length() <= 64 && token.indexOf(UNSETTLED) < 0 && token.indexOf(':') < 0 ? token
                    : Integer.toHexString(token.hashCode());
        } catch (NoSuchFileException none) {
            return "-";
        } catch (IOException unreadable) {
            return "?"; // the modification time still tells changes apart
        }
    }
}
