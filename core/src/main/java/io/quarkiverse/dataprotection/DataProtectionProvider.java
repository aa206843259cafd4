package io.quarkiverse.dataprotection;

import java.time.Duration;

import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * The root of every {@link DataProtector}: it owns the key ring (read from a key store, cached, refreshed and
 * rolled automatically) and the application name that isolates this application's payloads from others sharing
 * the key ring.
 * <p>
 * Build one with {@link #builder()}; close it to stop its background refresh.
 * <p>
 * Thread-safety: safe for concurrent use; create one per application and share it.
 */
public interface DataProtectionProvider extends AutoCloseable {

    /**
     * A protector for the purpose chain {@code purpose, subPurposes...}, rooted at the application name.
     *
     * @throws NullPointerException when a purpose (or {@code subPurposes}) is null; the message names the parameter
     * @throws IllegalArgumentException when a purpose is not valid UTF-16
     */
    DataProtector createProtector(String purpose, String... subPurposes);

    /**
     * Manages the keys of this provider's key ring: list, create, revoke, delete. Its calls wait for the first read
     * of the store when that read runs in the background
     * ({@link DataProtectionProviderBuilder#firstReadInBackground(boolean)}).
     */
    KeyManager keyManager();

    /** What the cached key ring looks like now, for health checks and metrics; never reads the store. */
    KeyRingStatus status();

    /**
     * Reads the key store now instead of at the next due refresh (e.g. when an integration knows the store changed,
     * or a key decryptor recovered), waiting for a refresh already running; returns the status afterwards. A failed
     * read is reported in the status, never thrown.
     */
    KeyRingStatus refresh();

    /**
     * Waits at most {@code timeout} for the first read of the key store to finish (successfully or not); returns
     * whether it has. Returns {@code true} at once unless the provider was built with
     * {@link DataProtectionProviderBuilder#firstReadInBackground(boolean)} and that read is still running. For
     * readiness checks that should answer with the outcome of a read already under way rather than "starting".
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    default boolean awaitFirstRead(Duration timeout) throws InterruptedException {
        return true;
    }

    /** The application name at the root of every purpose chain, or {@code null} when none is set. */
    String applicationName();

    /** Stops the background refresh. Protectors keep working from the last key ring. */
    @Override
    void close();

    static DataProtectionProviderBuilder builder() {
        return new DataProtectionProviderBuilder();
    }
}
