package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.keys.KeyResolution;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * One refresh of a {@link KeyRingProvider}: reads the store, refuses an incomplete read, restores elements the store
 * lost, and creates the key the policy asks for — never because something failed (spec §9, "Where we deliberately
 * differ").
 * <ul>
 * <li>A read with an entry that cannot be read or a revocation that cannot be interpreted fails: the provider keeps
 * its last good ring and nothing is created.</li>
 * <li>When keys this instance read before, still within their lifetime, are missing (a Redis restarted without
 * persistence, a deleted directory), every element of the last good read that is missing is appended again, exactly
 * as it was read, in one compare-and-append; instances restoring at once restore once, and a key this instance
 * deleted itself is never restored. With restoration off, an empty read after keys were seen is a fault until an
 * operator accepts it ({@link KeyManager#acceptEmptyStore()}).</li>
 * <li>When the policy wants a key only because the would-be default key or successor cannot be decrypted, none is
 * created and the refresh reports why; the key manager retries the decryption.</li>
 * </ul>
 * <p>
 * Thread-safety: not thread-safe; the provider calls it under its refresh lock.
 */
final class KeyRingRefresher {

    private static final Logger LOG = Logger.getLogger(KeyRingRefresher.class);
    private static final int MAX_ATTEMPTS = 5;

    private final XmlKeyManager keyManager;
    private final KeyPolicy policy;
    private final boolean autoGenerateKeys;
    private final boolean restoreLostKeys;
    private final DataProtectionListener listener;

    private StoreSnapshot lastGood;
    private boolean keysSeen;
    private long acceptancesSeen;
    private long changeCountOfLastRead;
    private final Set<String> restoredNotYetSeen = new HashSet<>();
    /** The successor this instance created for a default key (by the default key's id). */
    private final Map<UUID, UUID> successorsCreated = new HashMap<>();

    KeyRingRefresher(XmlKeyManager keyManager, KeyRingSettings settings) {
        this.keyManager = keyManager;
        this.policy = settings.policy();
        this.autoGenerateKeys = settings.autoGenerateKeys();
        this.restoreLostKeys = settings.restoreLostKeys();
        this.listener = settings.listener();
    }

    /** What a refresh found: a new ring to serve, or a failure (the cached ring keeps serving). */
    sealed interface Outcome permits Refreshed, Failed {
        /** The key manager's change count before the read the outcome is based on. */
        long changeCount();
    }

    /**
     * @param read the complete read the ring comes from
     * @param creationBlocked why a key the policy asks for is not created, or {@code null}
     * @param loss the keys the store had lost, or {@code null}
     */
    record Refreshed(StoreSnapshot read, KeyResolution resolution, String creationBlocked, KeyRingStatus.Loss loss,
            long changeCount) implements Outcome {
    }

    /** @param fault whether the failure makes the ring untrustworthy (not ready) rather than just stale */
    record Failed(String message, Throwable cause, boolean fault, long changeCount) implements Outcome {
    }

    Outcome refresh(Instant now) {
        long acceptances = keyManager.emptyStoreAcceptances();
        if (acceptances != acceptancesSeen) {
            acceptancesSeen = acceptances;
            keysSeen = false;
            lastGood = null;
        }
        try {
            StoreSnapshot read = read();
            if (!read.isComplete()) {
                return incomplete(read);
            }
            KeyRingStatus.Loss loss = null;
            if (restoreLostKeys) {
                Restored restored = restoreLost(now, read);
                if (restored.fault() != null) {
                    return new Failed("The key store " + keyManager.store().description() + " " + restored.fault()
                            + "; no key is created (fail closed), the cached ring keeps serving", null, true,
                            changeCountOfLastRead);
                }
                if (!restored.read().isComplete()) {
                    return incomplete(restored.read());
                }
                read = restored.read();
                loss = restored.loss();
            } else if (read.keys().isEmpty() && keysSeen) {
                return new Failed("The key store " + keyManager.store().description() + " returned no keys although "
                        + "keys were read from it before; no key is created (fail closed) until keys reappear or an "
                        + "operator accepts the empty store (KeyManager.acceptEmptyStore())", null, true,
                        changeCountOfLastRead);
            }
            return resolve(now, read, loss);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return new Failed("Reading the key store " + keyManager.store().description() + " failed: "
                    + Failures.describe(e), e, false, changeCountOfLastRead);
        }
    }

    private Outcome resolve(Instant now, StoreSnapshot read, KeyRingStatus.Loss loss) {
        KeyResolution resolution = DecryptingResolver.resolve(policy, now, read.keys());
        String blocked = null;
        if (resolution.shouldGenerateNewKey() && resolution.undecryptableKey() != null) {
            Key key = resolution.undecryptableKey();
            blocked = "Key " + key.id() + " would be the " + (resolution.defaultKey() == null ? "default key" : "successor")
                    + " but cannot be decrypted (" + key.unusableReason().orElse("unknown reason") + "); no key is "
                    + "created while it exists, and decrypting it is retried";
        } else if (resolution.shouldGenerateNewKey() && autoGenerateKeys) {
            blocked = repeatedSuccessor(resolution, read);
            if (blocked == null) {
                read = createKey(now, resolution, read);
                resolution = DecryptingResolver.resolve(policy, now, read.keys());
            }
        }
        read = keyManager.withDecryptionWarnings(read);
        keysSeen |= !read.keys().isEmpty();
        lastGood = read;
        return new Refreshed(read, resolution, blocked, loss, changeCountOfLastRead);
    }

    /**
     * ASP.NET's rule asks again for a successor of a default key when the one created loses a tie on activation to a
     * revoked key (a revoked successor, for instance); ASP.NET refreshes once a day, this library every few minutes,
     * so that would be a key per refresh. One successor per default key and instance; the rest is reported.
     */
    private String repeatedSuccessor(KeyResolution resolution, StoreSnapshot read) {
        Key defaultKey = resolution.defaultKey();
        UUID created = defaultKey == null ? null : successorsCreated.get(defaultKey.id());
        if (created == null || read.keys().stream().noneMatch(k -> k.id().equals(created))) {
            return null;
        }
        return "The policy asks for another successor of default key " + defaultKey.id() + " although this instance "
                + "created " + created + "; a revoked or unusable key activating at the same time probably shadows it. "
                + "No further key is created for it (revoke or delete the shadowing key, or create one by hand)";
    }

    private Failed incomplete(StoreSnapshot read) {
        return new Failed("The key ring read from " + keyManager.store().description() + " is incomplete, so the "
                + "cached ring is kept and no key is created until it is fixed: " + String.join("; ", read.problems()),
                null, lastGood == null, changeCountOfLastRead);
    }

    private StoreSnapshot read() {
        changeCountOfLastRead = keyManager.changeCount();
        return keyManager.readKeyRing();
    }

    /**
     * Creates the key the policy asks for with a compare-and-append on the version just read: when another instance
     * wins, its key is adopted by reading again, and a key is created only if the policy still asks for one.
     */
    private StoreSnapshot createKey(Instant now, KeyResolution resolution, StoreSnapshot read) {
        StoreSnapshot current = read;
        KeyResolution wanted = resolution;
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                KeyPolicy.NewKeyDates dates = policy.newKeyDates(now, wanted);
                Optional<Key> key = keyManager.createNewKeyIfVersion(dates.activationDate(),
                        dates.expirationDate(), current.version());
                boolean created = key.isPresent();
                if (created && wanted.defaultKey() != null) {
                    successorsCreated.put(wanted.defaultKey().id(), key.get().id());
                }
                current = read();
                wanted = policy.resolve(now, current.keys());
                if (created || !wanted.shouldGenerateNewKey() || !current.isComplete()) {
                    return current;
                }
            }
            LOG.warnf("The key store %s kept changing while creating a key; trying again on the next refresh",
                    keyManager.store().description());
        } catch (RuntimeException e) {
            Key fallback = resolution.fallbackKey();
            LOG.errorf("Creating a new key in %s failed; %s: %s", keyManager.store().description(),
                    resolution.defaultKey() != null ? "the current default key stays in use"
                            : fallback != null ? "protecting uses the fallback key " + fallback.id() + " meanwhile"
                                    : "nothing can be protected until a key exists",
                    Failures.describe(e));
        }
        return current;
    }

    /**
     * Restores what the store lost since the last good read, once across instances; see the class comment. A
     * compare-and-append lost to another writer is tried again on the new version; elements the store accepted but
     * has not returned since are never appended again (a store that drops writes is a fault, not a loop).
     */
    private Restored restoreLost(Instant now, StoreSnapshot read) {
        KeyRingStatus.Loss loss = null;
        StoreSnapshot current = read;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && current.isComplete(); attempt++) {
            current.elements().forEach(e -> restoredNotYetSeen.remove(e.stored().xml()));
            List<RingElement> lost = lostElements(now, current);
            if (lost.isEmpty()) {
                return new Restored(current, loss, null);
            }
            if (lost.stream().anyMatch(e -> restoredNotYetSeen.contains(e.stored().xml()))) {
                return new Restored(current, loss, "lost " + lost.size() + " element(s) this instance had read; they "
                        + "were appended again but the store does not return them");
            }
            boolean restored = keyManager.restoreElements(current.version(), lost);
            loss = new KeyRingStatus.Loss(now, lost.size(), restored ? lost.size() : 0);
            if (restored) {
                lost.forEach(e -> restoredNotYetSeen.add(e.stored().xml()));
                LOG.warnf("The key store %s lost %d element(s) this instance had read (keys %s); restored them as "
                        + "they were read, so no key is created and no payload becomes unreadable",
                        keyManager.store().description(), lost.size(),
                        lost.stream().map(RingElement::keyId).filter(Objects::nonNull).toList());
                listener.onKeysRestored(lost.size());
            }
            current = read();
        }
        String fault = current.isComplete() && !lostElements(now, current).isEmpty()
                ? "kept changing while this instance restored the elements it had lost (" + MAX_ATTEMPTS + " attempts)"
                : null;
        return new Restored(current, loss, fault);
    }

    /**
     * The elements of the last good read missing from {@code read}, when at least one missing key is still within its
     * lifetime (otherwise missing keys were deleted on purpose, e.g. by another instance's retention).
     */
    private List<RingElement> lostElements(Instant now, StoreSnapshot read) {
        if (lastGood == null) {
            return List.of();
        }
        Set<UUID> present = new HashSet<>();
        read.keys().forEach(k -> present.add(k.id()));
        Set<UUID> deleted = keyManager.deletedKeyIds();
        boolean liveKeyLost = lastGood.keys().stream().anyMatch(k -> !present.contains(k.id())
                && !deleted.contains(k.id()) && k.expirationDate().isAfter(now));
        if (!liveKeyLost) {
            return List.of();
        }
        Set<String> presentElements = new HashSet<>();
        read.elements().forEach(e -> presentElements.add(e.stored().xml()));
        return lastGood.elements().stream()
                .filter(e -> !presentElements.contains(e.stored().xml()) && !keyManager.deleted(e))
                .filter(e -> e.keyId() == null || !present.contains(e.keyId()))
                .toList();
    }

    /** @param fault why the loss could not be repaired, or {@code null} */
    private record Restored(StoreSnapshot read, KeyRingStatus.Loss loss, String fault) {
    }
}
