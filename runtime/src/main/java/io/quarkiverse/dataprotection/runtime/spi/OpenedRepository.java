package io.quarkiverse.dataprotection.runtime.spi;

import java.util.Objects;

import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * A key repository opened from configuration, with whatever must be released at shutdown (for example a Redis client
 * the extension created). Releasing never touches resources the application owns. Immutable.
 *
 * @param repository the repository
 * @param release run once at shutdown
 */
public record OpenedRepository(XmlRepository repository, Runnable release) {

    public OpenedRepository {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(release, "release");
    }

    /** A repository with nothing to release. */
    public static OpenedRepository unmanaged(XmlRepository repository) {
        return new OpenedRepository(repository, () -> {
        });
    }
}
