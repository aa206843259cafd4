package io.quarkiverse.dataprotection.runtime;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import jakarta.enterprise.inject.Instance;

import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/** Opens the key store chosen at build time with the run-time settings. */
final class KeyStoreFactory {

    private KeyStoreFactory() {
    }

    static ConfiguredKeyStore open(KeyStoreKind kind, DataProtectionConfig config,
            Instance<RedissonClient> applicationClients) {
        return switch (kind) {
            case FILE -> ConfiguredKeyStore.unmanaged(new FileSystemXmlRepository(directory(config.file())));
            case MEMORY -> ConfiguredKeyStore.unmanaged(new InMemoryXmlRepository());
            case REDIS -> RedisKeyStoreFactory.open(config.redis(), applicationClients);
        };
    }

    private static Path directory(DataProtectionConfig.File file) {
        String value = file.directory();
        if (value.isBlank()) {
            throw ConfigErrors.invalid("file.directory", "''", "set it to the directory holding the key files");
        }
        try {
            return Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw ConfigErrors.invalid("file.directory", value, "not a valid path (" + e.getReason() + ")");
        }
    }
}
