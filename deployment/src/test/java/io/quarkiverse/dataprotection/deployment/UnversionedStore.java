package io.quarkiverse.dataprotection.deployment;

import java.util.Collection;
import java.util.List;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * An application key store for tests: an in-memory store seen only as an {@link XmlRepository}, without a version (so
 * no version poll reads it), which runs a hook before each read. Add it to the test application's classes.
 */
final class UnversionedStore implements XmlRepository {

    private final InMemoryXmlRepository memory;
    private final String description;
    private final Runnable beforeRead;

    UnversionedStore(InMemoryXmlRepository memory, String description, Runnable beforeRead) {
        this.memory = memory;
        this.description = description;
        this.beforeRead = beforeRead;
    }

    @Override
    public List<StoredElement> readAll() {
        beforeRead.run();
        return memory.readAll();
    }

    @Override
    public void add(String xml, String friendlyName) {
        memory.add(xml, friendlyName);
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        memory.remove(elements);
    }

    @Override
    public String description() {
        return description;
    }
}
