package io.quarkiverse.dataprotection.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * The writers' lock of a key directory: a lock per directory within this JVM, then an exclusive lock of the file
 * {@code .lock} in it against other processes, each waited for at most the timeout. Only writers take it; readers
 * rely on every file appearing by an atomic rename.
 * <p>
 * The file lock is a POSIX record lock ({@code fcntl}) on Linux, which {@code flock(1)} neither takes nor sees.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class DirectoryLock {

    static final String FILE_NAME = ".lock";
    private static final long POLL_MILLIS = 20;
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;
    private final Duration timeout;

    DirectoryLock(Path directory, Duration timeout) {
        this.directory = directory;
        this.timeout = timeout;
    }

    /**
     * Runs {@code action} holding the lock.
     *
     * @throws XmlRepositoryException when the lock is not free within the timeout, or the lock file cannot be opened
     */
    <T> T run(Supplier<T> action) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
        try {
            if (!jvmLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut("another thread of this JVM");
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        try (FileChannel channel = open(); FileLock ignored = acquire(channel, deadline)) {
            return action.get();
        } catch (IOException e) {
            throw FileStoreErrors.cannotWrite(directory, "write to the key directory " + directory
                    + " (opening its lock file " + FILE_NAME + ")", e);
        } finally {
            jvmLock.unlock();
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private FileLock acquire(FileChannel channel, long deadline) throws IOException {
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException sameJvm) {
                // this JVM holds it through another spelling of the directory's path: wait as for another process
            }
            if (System.nanoTime() - deadline >= 0) {
                throw timedOut("another process");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    private XmlRepositoryException timedOut(String holder) {
        Path file = directory.resolve(FILE_NAME);
        return new XmlRepositoryException("Cannot write to the key directory " + directory + ": " + holder + " has held "
                + "its lock file " + file + " for more than " + timeout + ". Reading is not affected; a writer that "
                + "hangs while holding it blocks key creation. Find it with: fuser " + file + " (or lslocks)");
    }

    private XmlRepositoryException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new XmlRepositoryException("Interrupted while waiting for the lock file of the key directory " + directory,
                e);
    }
}
