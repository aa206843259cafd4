package io.quarkiverse.dataprotection.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A key store in this process's memory, for tests and single-process tools: keys are lost when the process ends,
 * so data protected with them can never be unprotected afterwards.
 * <p>
 * Thread-safety: safe for concurrent use; providers sharing one instance share the key ring.
 */
public final class InMemoryKeyStore implements KeyStore {

    private final List<StoredElement> elements = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public List<StoredElement> readAll() {
        return List.copyOf(elements);
    }

    @Override
    public void add(String xml, String friendlyName) {
        elements.add(new StoredElement(friendlyName + "#" + sequence.incrementAndGet(), xml));
    }

    @Override
    public void remove(Collection<StoredElement> toRemove) {
        elements.removeAll(toRemove);
    }

    @Override
    public String description() {
        return "memory";
    }
}
