package io.quarkiverse.dataprotection.jdbc.runtime;

import java.util.function.Supplier;

import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import io.quarkiverse.dataprotection.runtime.spi.ForwardingVersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Runs every store operation with the caller's JTA transaction suspended. A key created or revoked from a
 * {@code @Transactional} method must not wait for, or roll back with, the application's transaction: other instances
 * may already use it, and the store commits its own short transactions (which Agroal refuses on a connection enlisted
 * in a JTA transaction). A subscription is forwarded as it is: it listens on a thread of its own, never in a
 * transaction.
 * <p>
 * Thread-safety: as the store it wraps.
 */
final class OutsideTransactions extends ForwardingVersionedXmlRepository {

    private final VersionedXmlRepository delegate;
    private final TransactionManager transactions;

    OutsideTransactions(VersionedXmlRepository delegate, TransactionManager transactions) {
        this.delegate = delegate;
        this.transactions = transactions;
    }

    @Override
    protected VersionedXmlRepository delegate() {
        return delegate;
    }

    @Override
    protected <T> T around(Supplier<T> operation) {
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
}
