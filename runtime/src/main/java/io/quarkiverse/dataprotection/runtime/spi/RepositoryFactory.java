package io.quarkiverse.dataprotection.runtime.spi;

/**
 * Opens the key repository of one {@code quarkus.data-protection.key-store} kind from configuration. The main
 * extension brings {@code file} and {@code memory}; each store extension (e.g. {@code quarkus-data-protection-redis})
 * registers a bean for its kind and announces the kind at build time, so that a missing extension fails the build
 * naming the artifact to add. An application bean of type {@link io.quarkiverse.dataprotection.spi.XmlRepository}
 * takes precedence over every factory.
 * <p>
 * Implementations are CDI beans, called once at start; they must be safe for concurrent use.
 */
public interface RepositoryFactory {

    /** The {@code key-store} value this factory serves, e.g. {@code redis}. */
    String kind();

    /**
     * Opens the repository, checking its settings first.
     *
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property to fix
     */
    OpenedRepository open();
}
