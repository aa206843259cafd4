package io.quarkiverse.dataprotection.runtime;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import jakarta.inject.Singleton;

import io.quarkiverse.dataprotection.runtime.spi.OpenedRepository;
import io.quarkiverse.dataprotection.runtime.spi.RepositoryFactory;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;

/** {@code key-store=file}: {@code quarkus.data-protection.file.directory}. */
@Singleton
class FileRepositoryFactory implements RepositoryFactory {

    private final DataProtectionConfig config;

    FileRepositoryFactory(DataProtectionConfig config) {
        this.config = config;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public OpenedRepository open() {
        String value = config.file().directory();
        if (value.isBlank()) {
            throw ConfigErrors.invalid("file.directory", "''", "set it to the directory holding the key files");
        }
        try {
            return OpenedRepository.unmanaged(new FileSystemXmlRepository(Path.of(value).toAbsolutePath()));
        } catch (InvalidPathException e) {
            throw ConfigErrors.invalid("file.directory", value, "not a valid path (" + e.getReason() + ")");
        }
    }
}
