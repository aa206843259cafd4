package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.quarkiverse.dataprotection.spi.KeyEncryptor;

/**
 * Reads and changes the key ring in its store, with ASP.NET Core's {@code XmlKeyManager} semantics. Every change
 * is visible to every provider sharing the store once it refreshes; the local provider refreshes at once.
 * <p>
 * Implementations are safe for concurrent use.
 */
public interface KeyManager {

    /** Every key in the store, with revocations applied. Reads the store. */
    List<Key> getAllKeys();

    /**
     * Creates, stores and returns a new key with a fresh 512-bit master key. On stores that support it (file system,
     * Redis, memory) the key is appended with a compare-and-set, so a call whose store command times out and is
     * retried never stores it twice.
     *
     * @throws IllegalArgumentException when {@code expirationDate} is not after {@code activationDate}
     */
    Key createNewKey(Instant activationDate, Instant expirationDate);

    /** Revokes one key: it never protects again and unprotects only through the "persisted" API. */
    void revokeKey(UUID keyId, String reason);

    /** Revokes every key created before {@code revocationDate}. */
    void revokeAllKeys(Instant revocationDate, String reason);

    /**
     * Deletes, for good, the keys matching {@code shouldDelete} (for retention). Data protected with them can never
     * be unprotected again. Revocations are deleted only once no key they revoke remains.
     *
     * @return how many keys were deleted
     */
    int deleteKeys(Predicate<Key> shouldDelete);

    /**
     * Re-encrypts the master key of every stored key with the current key encryptor (after a certificate rotation,
     * so that the old certificate can be retired; or to encrypt keys stored unencrypted), skipping keys the encryptor
     * reports as already current ({@link KeyEncryptor#isCurrent}). Each key is rewritten by adding the new element
     * first and only then removing the old one: the key is never missing from the store. Keys whose secret cannot
     * be decrypted are left as they are.
     * <p>
     * Between the two steps the store holds the key twice. This library reads either copy, but ASP.NET's
     * {@code XmlKeyManager} rejects a ring with a duplicate key id: a .NET application sharing the ring whose refresh
     * falls in that instant fails the one call that triggered it and keeps its cached ring for two more minutes; one
     * with no ring yet fails until the window has passed. Run this when .NET applications are not starting.
     *
     * @return how many keys were re-encrypted
     * @throws IllegalStateException when no key encryptor is configured
     */
    int reencryptKeys();

    /**
     * Accepts that the key store was emptied on purpose, for providers built with lost-key restoration turned off
     * ({@code restoreLostKeys(false)}, {@code quarkus.data-protection.restore-lost-keys=false}): their fail-closed
     * guard is lifted and their next read may start a new key ring, creating a key. With restoration on (the
     * default) a store that lost its keys is refilled from the providers' last reads instead, and this call is not
     * needed; to retire every key on purpose, revoke them ({@link #revokeAllKeys}).
     */
    void acceptEmptyStore();
}
