package io.quarkiverse.dataprotection.runtime;

import java.util.Objects;

import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * A key store opened from configuration, with whatever must be released at shutdown (for example a Redis client this
 * extension created). Releasing never touches resources the application owns.
 */
record ConfiguredKeyStore(XmlRepository store, Runnable release) {

    ConfiguredKeyStore {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(release, "release");
    }

    static ConfiguredKeyStore unmanaged(XmlRepository store) {
        return new ConfiguredKeyStore(store, () -> {
        });
    }
}
