package io.quarkiverse.dataprotection.runtime;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.runtime.spi.OpenedRepository;
import io.quarkiverse.dataprotection.runtime.spi.RepositoryFactory;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;
import io.quarkus.runtime.LaunchMode;

/** {@code key-store=memory}: keys in this process only. */
@Singleton
class MemoryRepositoryFactory implements RepositoryFactory {

    private static final Logger LOG = Logger.getLogger(MemoryRepositoryFactory.class);

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public OpenedRepository open() {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("quarkus.data-protection.key-store=memory: keys live in this process only, so everything "
                    + "protected becomes unreadable when it stops or another instance serves the request; use file "
                    + "or redis outside tests");
        }
        return OpenedRepository.unmanaged(new InMemoryXmlRepository());
    }
}
