package io.quarkiverse.dataprotection.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * The {@link XmlRepositoryException}s of {@link FileSystemXmlRepository}: each names the directory, what was refused and how
 * to fix it, never a file's content. Stateless.
 */
final class FileStoreErrors {

    private FileStoreErrors() {
    }

    /** Listing the directory failed: without that there is no key ring to read. */
    static XmlRepositoryException cannotList(Path directory, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new XmlRepositoryException("Cannot list the key directory " + directory + ": permission denied for user "
                    + user() + "; reading keys needs read and execute permission on it and execute permission on "
                    + "every directory above it (e.g. chmod 500 " + directory + " for its owner, or a Kubernetes "
                    + "volume whose defaultMode and fsGroup let this user read it)", e);
        }
        return new XmlRepositoryException("Cannot list the key directory " + directory + ": " + e, e);
    }

    /**
     * Creating or changing a file failed; {@code doing} says what and names the directory, e.g.
     * "write key-1.xml to the key directory /keys".
     */
    static XmlRepositoryException cannotWrite(Path directory, String doing, IOException e) {
        String why = refusal(e);
        if (why == null) {
            return new XmlRepositoryException("Cannot " + doing + ": " + e, e);
        }
        return new XmlRepositoryException("Cannot " + doing + ": " + why
                + "; writing keys needs write and execute permission on the directory. If it is meant to be read-only "
                + "(a Kubernetes Secret or ConfigMap mount, a read-only volume), reading works, but this instance must "
                + "not create keys: turn automatic key generation off (DataProtectionProviderBuilder.autoGenerateKeys"
                + "(false); the auto-generate-keys setting of the Quarkus and CDI extensions) and create keys where the "
                + "directory is "
                + "writable; otherwise give user " + user() + " write access (e.g. chown " + user() + " " + directory
                + " && chmod 700 " + directory + ")", e);
    }

    /** Why the file system refused a write, or {@code null} when it was not a refusal. */
    private static String refusal(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied for user " + user();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null
                && fs.getReason().toLowerCase(java.util.Locale.ROOT).contains("read-only file system")) {
            return "the file system is mounted read-only";
        }
        return null;
    }

    private static String user() {
        return System.getProperty("user.name", "(unknown)");
    }
}
