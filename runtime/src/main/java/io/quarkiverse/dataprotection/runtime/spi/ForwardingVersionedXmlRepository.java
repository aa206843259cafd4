package io.quarkiverse.dataprotection.runtime.spi;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * A {@link VersionedXmlRepository} that forwards to another one, for the wrappers an extension puts around its store
 * (run each operation outside the caller's transaction, explain a failure, create the store on first use). A wrapper
 * implements {@link #delegate()} and, when it does something around each store operation, {@link #around}; it
 * overrides the other methods only where it answers them itself.
 * <p>
 * The store operations ({@link #readAll}, {@link #readVersioned}, {@link #version}, {@link #add},
 * {@link #addIfVersion}, {@link #addAllIfVersion}, {@link #remove}) all run through {@link #around}, and cannot be
 * overridden, so that a wrapper cannot forget one. {@link #subscribe}, {@link #isPersistent}, {@link #description}
 * and {@link #toString} forward to {@link #delegate()} directly, outside {@link #around}.
 * <p>
 * Thread-safety: as the delegate, provided {@link #delegate()} and {@link #around} are safe for concurrent use.
 */
public abstract class ForwardingVersionedXmlRepository implements VersionedXmlRepository {

    /** For subclasses. */
    protected ForwardingVersionedXmlRepository() {
    }

    /**
     * The store this one forwards to. Called for every forwarded call; for a store operation, inside
     * {@link #around}.
     */
    protected abstract VersionedXmlRepository delegate();

    /**
     * Runs one store operation, which calls {@link #delegate()} and the delegate's method when invoked. An override
     * invokes {@code operation} exactly once on the calling thread and returns its result (or a failure of its own,
     * such as one that explains the operation's failure); the result is {@code null} for the operations that return
     * nothing. By default it just invokes it.
     */
    protected <T> T around(Supplier<T> operation) {
        return operation.get();
    }

    @Override
    public final List<StoredElement> readAll() {
        return around(() -> delegate().readAll());
    }

    @Override
    public final VersionedElements readVersioned() {
        return around(() -> delegate().readVersioned());
    }

    @Override
    public final String version() {
        return around(() -> delegate().version());
    }

    @Override
    public final void add(String xml, String friendlyName) {
        around(() -> {
            delegate().add(xml, friendlyName);
            return null;
        });
    }

    @Override
    public final boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        return around(() -> delegate().addIfVersion(expectedVersion, xml, friendlyName));
    }

    @Override
    public final boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        return around(() -> delegate().addAllIfVersion(expectedVersion, elements));
    }

    @Override
    public final void remove(Collection<StoredElement> elements) {
        around(() -> {
            delegate().remove(elements);
            return null;
        });
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        return delegate().subscribe(listener);
    }

    @Override
    public boolean isPersistent() {
        return delegate().isPersistent();
    }

    @Override
    public String description() {
        return delegate().description();
    }

    @Override
    public String toString() {
        return delegate().toString();
    }
}
