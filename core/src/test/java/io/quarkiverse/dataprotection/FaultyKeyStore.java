package io.quarkiverse.dataprotection;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * An in-memory store whose reads can be made to fail (optionally after hanging, as a Redis client waiting out its
 * timeouts) or to come back empty, counting what is written.
 */
public final class FaultyKeyStore implements XmlRepository {

    public enum Mode {
        WORKING,
        FAILING,
        /** Reads fail; writes work (a store that can be written but not read back, e.g. a corrupt entry). */
        READS_FAILING,
        EMPTY
    }

    private final XmlRepository delegate;
    private volatile Mode mode = Mode.WORKING;
    private volatile long hangMillis;
    public final AtomicInteger reads = new AtomicInteger();
    public final AtomicInteger adds = new AtomicInteger();

    public FaultyKeyStore() {
        this(new InMemoryXmlRepository());
    }

    public FaultyKeyStore(XmlRepository delegate) {
        this.delegate = delegate;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Fails reads, each after hanging for {@code hang}. */
    public void hangThenFail(Duration hang) {
        this.hangMillis = hang.toMillis();
        this.mode = Mode.FAILING;
    }

    @Override
    public List<StoredElement> readAll() {
        reads.incrementAndGet();
        return switch (mode) {
            case WORKING -> delegate.readAll();
            case FAILING, READS_FAILING -> {
                hang();
                throw new XmlRepositoryException("simulated outage of the test store");
            }
            case EMPTY -> List.of();
        };
    }

    private void hang() {
        try {
            Thread.sleep(hangMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void add(String xml, String friendlyName) {
        if (mode == Mode.FAILING) {
            throw new XmlRepositoryException("simulated outage of the test store");
        }
        adds.incrementAndGet();
        delegate.add(xml, friendlyName);
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        delegate.remove(elements);
    }

    @Override
    public String description() {
        return "faulty-test-store";
    }
}
