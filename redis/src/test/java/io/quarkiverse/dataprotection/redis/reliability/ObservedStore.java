package io.quarkiverse.dataprotection.redis.reliability;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;

/**
 * A versioned store that counts conditional appends and can be deaf to change notifications, as an instance whose
 * pub/sub connection is broken would be (then only its version poll sees other instances' changes).
 */
final class ObservedStore implements VersionedXmlRepository {

    private final VersionedXmlRepository delegate;
    private final boolean notifications;
    final AtomicInteger conditionalAppends = new AtomicInteger();
    final AtomicInteger conditionalAppendsWon = new AtomicInteger();

    ObservedStore(VersionedXmlRepository delegate, boolean notifications) {
        this.delegate = delegate;
        this.notifications = notifications;
    }

    @Override
    public VersionedElements readVersioned() {
        return delegate.readVersioned();
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        conditionalAppends.incrementAndGet();
        boolean won = delegate.addIfVersion(expectedVersion, xml, friendlyName);
        if (won) {
            conditionalAppendsWon.incrementAndGet();
        }
        return won;
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        conditionalAppends.incrementAndGet();
        boolean won = delegate.addAllIfVersion(expectedVersion, elements);
        if (won) {
            conditionalAppendsWon.incrementAndGet();
        }
        return won;
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        return notifications ? delegate.subscribe(listener) : () -> {
        };
    }

    @Override
    public List<StoredElement> readAll() {
        return delegate.readAll();
    }

    @Override
    public void add(String xml, String friendlyName) {
        delegate.add(xml, friendlyName);
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        delegate.remove(elements);
    }

    @Override
    public String description() {
        return delegate.description();
    }
}
