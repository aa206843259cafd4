package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * A provider that also releases a resource it was built on (the Redis client the extension created) when closed,
 * after the provider itself has stopped using it.
 * <p>
 * Thread-safety: as the provider it wraps.
 */
final class OwningDataProtectionProvider implements DataProtectionProvider {

    private final DataProtectionProvider delegate;
    private final Runnable release;

    OwningDataProtectionProvider(DataProtectionProvider delegate, Runnable release) {
        this.delegate = delegate;
        this.release = release;
    }

    @Override
    public DataProtector createProtector(String purpose, String... subPurposes) {
        return delegate.createProtector(purpose, subPurposes);
    }

    @Override
    public KeyManager keyManager() {
        return delegate.keyManager();
    }

    @Override
    public KeyRingStatus status() {
        return delegate.status();
    }

    @Override
    public KeyRingStatus refresh() {
        return delegate.refresh();
    }

    @Override
    public boolean awaitFirstRead(Duration timeout) throws InterruptedException {
        return delegate.awaitFirstRead(timeout);
    }

    @Override
    public String applicationName() {
        return delegate.applicationName();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            release.run();
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
