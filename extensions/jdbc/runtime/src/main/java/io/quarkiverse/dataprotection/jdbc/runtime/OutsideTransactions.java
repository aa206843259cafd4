package io.quarkiverse.dataprotection.jdbc.runtime;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Runs every store operation with the caller's JTA transaction suspended. A key created or revoked from a
 * {@code @Transactional} method must not wait for, or roll back with, the application's transaction: other instances
 * may already use it, and the store commits its own short transactions (which Agroal refuses on a connection enlisted
 * in a JTA transaction).
 * <p>
 * Thread-safety: as the store it wraps.
 */
final class OutsideTransactions implements VersionedXmlRepository {

    private final VersionedXmlRepository delegate;
    private final TransactionManager transactions;

    OutsideTransactions(VersionedXmlRepository delegate, TransactionManager transactions) {
        this.delegate = delegate;
        this.transactions = transactions;
    }

    private <T> T outside(Supplier<T> operation) {
        Transaction suspended;
        try {
            suspended = transactions.suspend();
        } catch (SystemException e) {
            throw new XmlRepositoryException("Cannot suspend the caller's transaction around " + description(), e);
        }
        try {
            return operation.get();
        } finally {
            if (suspended != null) {
                try {
                    transactions.resume(suspended);
                } catch (Exception e) {
                    throw new XmlRepositoryException("Cannot resume the caller's transaction after " + description(), e);
                }
            }
        }
    }

    @Override
    public List<StoredElement> readAll() {
        return outside(delegate::readAll);
    }

    @Override
    public VersionedElements readVersioned() {
        return outside(delegate::readVersioned);
    }

    @Override
    public String version() {
        return outside(delegate::version);
    }

    @Override
    public void add(String xml, String friendlyName) {
        outside(() -> {
            delegate.add(xml, friendlyName);
            return null;
        });
    }

    @Override
    public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
        return outside(() -> delegate.addIfVersion(expectedVersion, xml, friendlyName));
    }

    @Override
    public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
        return outside(() -> delegate.addAllIfVersion(expectedVersion, elements));
    }

    @Override
    public void remove(Collection<StoredElement> elements) {
        outside(() -> {
            delegate.remove(elements);
            return null;
        });
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        return delegate.subscribe(listener); // a thread of its own, never in a transaction
    }

    @Override
    public boolean isPersistent() {
        return delegate.isPersistent();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
