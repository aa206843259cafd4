package io.quarkiverse.dataprotection.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkiverse.dataprotection.testing.Throwables;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.QuarkusUnitTest;

/** Two application beans of the storage SPI: the start fails naming both, rather than silently using neither. */
class TwoApplicationRepositoriesFailStartTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Repositories.class))
            .overrideConfigKey("quarkus.data-protection.key-store", "memory")
            .assertException(e -> assertThat(Throwables.messages(e))
                    .contains("several beans of type " + XmlRepository.class.getName())
                    .contains(Repositories.class.getName()));

    @Singleton
    static class Repositories {

        @Produces
        @ApplicationScoped
        @Unremovable
        XmlRepository first() {
            return new InMemoryXmlRepository();
        }

        @Produces
        @ApplicationScoped
        @Unremovable
        @Named("second")
        XmlRepository second() {
            return new InMemoryXmlRepository();
        }
    }

    @Test
    void twoApplicationRepositories_failTheStartNamingThem() {
        // assertException checks the failure
    }
}
