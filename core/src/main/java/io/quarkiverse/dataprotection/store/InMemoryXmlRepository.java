package io.quarkiverse.dataprotection.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * A key store in this process's memory, for tests and single-process tools: keys are lost when the process ends,
 * so data protected with them can never be unprotected afterwards.
 * <p>
 * Thread-safety: safe for concurrent use; providers sharing one instance share the key ring.
 */
public final class InMemoryXmlRepository implements VersionedXmlRepository {

    private final List<StoredElement> elements = new ArrayList<>();
    private long sequence;
    private long version;

    @Override
    public synchronized List<StoredElement> readAll() {
        return List.copyOf(elements);
    }

    @Override
    public synchronized void add(String xml, String friendlyName) {
        elements.add(new StoredElement(friendlyName + "#" + ++sequence, xml));
        version++;
    }

    @Override
    public synchronized void remove(Collection<StoredElement> toRemove) {
        if (elements.removeAll(toRemove)) {
            version++;
        }
    }

    @Override
    public synchronized VersionedElements readVersioned() {
        return new VersionedElements(List.copyOf(elements), Long.toString(version));
    }

    @Override
    public synchronized boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        if (!Long.toString(version).equals(expectedVersion)) {
            return false;
        }
        add(xml, friendlyName);
        return true;
    }

    @Override
    public synchronized boolean addAllIfVersion(String expectedVersion, List<NewElement> toAdd) {
        if (!Long.toString(version).equals(expectedVersion)) {
            return false;
        }
        for (NewElement element : toAdd) {
            elements.add(new StoredElement(element.friendlyName() + "#" + ++sequence, element.xml()));
        }
        version++;
        return true;
    }

    @Override
    public synchronized String version() {
        return Long.toString(version);
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public String description() {
        return "memory";
    }
}
