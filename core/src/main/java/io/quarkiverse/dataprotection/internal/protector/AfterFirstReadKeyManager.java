package io.quarkiverse.dataprotection.internal.protector;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.quarkiverse.dataprotection.internal.keyring.KeyRingProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;

/**
 * The provider's {@link KeyManager}: every call first waits for the key ring's first read when that read runs in the
 * background at start, so that what an application does with the key manager right after start (list the keys,
 * revoke one) sees the ring that read found or created, exactly as when the read happened before the start ended.
 * <p>
 * Thread-safety: safe for concurrent use, as the key manager it wraps.
 */
final class AfterFirstReadKeyManager implements KeyManager {

    private final KeyRingProvider keyRing;
    private final KeyManager delegate;

    AfterFirstReadKeyManager(KeyRingProvider keyRing) {
        this.keyRing = keyRing;
        this.delegate = keyRing.keyManager();
    }

    private KeyManager ready() {
        keyRing.waitForFirstRead();
        return delegate;
    }

    @Override
    public List<Key> getAllKeys() {
        return ready().getAllKeys();
    }

    @Override
    public Key createNewKey(Instant activationDate, Instant expirationDate) {
        return ready().createNewKey(activationDate, expirationDate);
    }

    @Override
    public void revokeKey(UUID keyId, String reason) {
        ready().revokeKey(keyId, reason);
    }

    @Override
    public void revokeAllKeys(Instant revocationDate, String reason) {
        ready().revokeAllKeys(revocationDate, reason);
    }

    @Override
    public int deleteKeys(Predicate<Key> shouldDelete) {
        return ready().deleteKeys(shouldDelete);
    }

    @Override
    public int reencryptKeys() {
        return ready().reencryptKeys();
    }

    @Override
    public void acceptEmptyStore() {
        ready().acceptEmptyStore();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
