package io.quarkiverse.dataprotection.redis.runtime;

import java.util.Optional;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.runtime.spi.ForwardingVersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * The Redis store over {@code rediss://}, whose failures also say why the TLS handshake failed when one failed during
 * the operation or since the last operation that succeeded (see {@link TlsHandshakeWatch}): the store's own message
 * (often a bare {@code TimeoutException}) is kept, and the handshake's reason and fix follow it. That message reaches
 * the log and readiness' {@code last-refresh-error}. Everything else is the delegate's.
 * <p>
 * Thread-safe as the delegate is.
 */
final class TlsExplainedRepository extends ForwardingVersionedXmlRepository {

    private final VersionedXmlRepository delegate;
    private final TlsHandshakeWatch watch;
    /** The handshake failures counted when an operation last succeeded. */
    private volatile long failuresAtLastSuccess;

    TlsExplainedRepository(VersionedXmlRepository delegate, TlsHandshakeWatch watch) {
        this.delegate = delegate;
        this.watch = watch;
    }

    @Override
    protected VersionedXmlRepository delegate() {
        return delegate;
    }

    @Override
    protected <T> T around(Supplier<T> operation) {
        try {
            T result = operation.get();
            // Handshakes that failed while this succeeded (another connection of the pool) explain nothing later.
            failuresAtLastSuccess = watch.failures();
            return result;
        } catch (XmlRepositoryException e) {
            Optional<String> tls = watch.explanationSince(failuresAtLastSuccess);
            if (tls.isEmpty()) {
                throw e;
            }
            throw new XmlRepositoryException(e.getMessage() + "; " + tls.get(), e);
        }
    }
}
