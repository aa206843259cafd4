package io.quarkiverse.dataprotection.internal.keyring;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.RawStore;

/** {@link IncompleteReadContract} on the in-memory and the file system repositories. */
class IncompleteReadTest {

    @Nested
    class InMemory extends IncompleteReadContract {
        @Override
        protected RawStore newRawStore(String name) {
            return RawStore.memory();
        }
    }

    @Nested
    class FileSystem extends IncompleteReadContract {
        @TempDir
        Path directories;

        @Override
        protected RawStore newRawStore(String name) {
            return RawStore.directory(directories.resolve(name));
        }
    }
}
