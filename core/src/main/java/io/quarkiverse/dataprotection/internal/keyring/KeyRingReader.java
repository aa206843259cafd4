package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;
import io.quarkiverse.dataprotection.internal.xml.RevocationElement;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.spi.StoredElement;

/**
 * Turns the elements of one store read into a key ring, with ASP.NET Core's {@code XmlKeyManager.GetAllKeys}
 * rules and this library's fail-closed difference (spec §8):
 * <ul>
 * <li>an entry that is not well-formed XML, that the store could not read, or a {@code <revocation>} that cannot be
 * interpreted makes the read <em>incomplete</em>: it is reported by its position or file name (never its content)
 * and the caller must keep its previous ring;</li>
 * <li>an element that is neither {@code <key>} nor {@code <revocation>}, or a {@code <key>} whose header is invalid,
 * is skipped and reported;</li>
 * <li>a key's master key is decrypted on first use, as ASP.NET defers it ({@link DeferredKeySecret}): when the key
 * ring makes it the default key or its successor, or a payload names it; until then it is
 * {@linkplain Key.SecretState#ENCRYPTED encrypted} and counts as usable. A key whose secret cannot be decrypted stays
 * in the ring as unusable; the decryption is tried again, no sooner than a backoff of 1 s doubling up to 1 minute;</li>
 * <li>several elements with one key id are one key when their master keys, algorithms and dates agree (as a
 * re-encryption leaves them for a moment); they are decrypted at once to compare them. When they disagree, the copy
 * this instance already holds is kept, and without one neither copy is trusted (the key is unusable). Both are
 * reported;</li>
 * <li>a master key shorter than the 512 bits ASP.NET and this library create is used (refusing it would make Java
 * and .NET instances choose different default keys) but reported once decrypted.</li>
 * </ul>
 * Each distinct element text is parsed once and decrypted at most once per process ({@link ParsedElements}, a
 * {@link DeferredKeySecret} per text); held keys (ever decrypted, by id) are remembered until deleted through the key
 * manager.
 * <p>
 * Thread-safety: safe for concurrent use (the caches are concurrent; a read's own state is local).
 */
final class KeyRingReader {

    private static final Logger LOG = Logger.getLogger(KeyRingReader.class);
    static final int EXPECTED_MASTER_KEY_BYTES = 64;

    private final List<KeyDecryptor> decryptors;
    private final RandomSource random;
    private final Clock clock;
    /** Every key this instance decrypted or created, by id: what it "already holds". */
    private final Map<UUID, Key> held = new ConcurrentHashMap<>();
    private final ParsedElements parsed = new ParsedElements();
    private final Map<String, DeferredKeySecret> secrets = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final DeferredKeySecret.Outcome outcome = new DecryptionLog();

    KeyRingReader(List<KeyDecryptor> decryptors, RandomSource random, Clock clock) {
        this.decryptors = List.copyOf(decryptors);
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads {@code stored} (one store read) into a snapshot at {@code version}. */
    StoreSnapshot read(List<StoredElement> stored, String version) {
        Read read = new Read();
        for (int i = 0; i < stored.size(); i++) {
            read.element(stored.get(i), i);
        }
        List<Key> keys = new ArrayList<>(read.keyCopies.size());
        for (Map.Entry<UUID, List<KeyElementCopy>> entry : read.keyCopies.entrySet()) {
            Key key = entry.getValue().size() == 1 ? single(entry.getKey(), entry.getValue().get(0), read)
                    : resolveCopies(entry.getKey(), entry.getValue(), read);
            keys.add(read.revokes(key) ? key.revoke() : key);
        }
        Set<String> present = new HashSet<>();
        stored.forEach(e -> present.add(e.xml()));
        parsed.retainOnly(present);
        secrets.keySet().retainAll(present);
        return new StoreSnapshot(List.copyOf(keys), stored.size(), read.skippedKeys, version,
                List.copyOf(read.problems), List.copyOf(read.warnings), List.copyOf(read.restorable));
    }

    /**
     * {@code read} with a warning for each of its keys decrypted since it was made (by the key ring, for the default
     * key and its successor) whose master key is short, as the read reports keys decrypted before it.
     */
    StoreSnapshot withDecryptionWarnings(StoreSnapshot read) {
        Set<UUID> ids = new HashSet<>();
        read.keys().forEach(k -> ids.add(k.id()));
        Set<String> warnings = new java.util.LinkedHashSet<>(read.warnings());
        for (DeferredKeySecret secret : secrets.values()) {
            DecryptedKey decrypted = secret.decryptedOrNull();
            if (decrypted != null && decrypted.isShort() && ids.contains(decrypted.key().id())) {
                warnings.add(shortKeyWarning(decrypted));
            }
        }
        return warnings.size() == read.warnings().size() ? read
                : new StoreSnapshot(read.keys(), read.elementCount(), read.unreadableElements(), read.version(),
                        read.problems(), List.copyOf(warnings), read.elements());
    }

    /** When the next decryption that failed is tried again, or {@code null}. */
    Instant nextDecryptionRetry() {
        return secrets.values().stream().map(DeferredKeySecret::nextAttempt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
    }

    /** Forgets a deleted key, so that a later element with its id is decrypted afresh. */
    void forget(UUID keyId) {
        held.remove(keyId);
    }

    /** Remembers a key this instance just created from {@code xml}, decrypted: it is never decrypted again. */
    void hold(DecryptedKey key, String xml) {
        held.put(key.key().id(), key.key());
        secrets.put(xml, DeferredKeySecret.decrypted(key, xml, decryptors, random, clock, outcome));
    }

    /** The one element of a key id: decrypted on first use, unless this instance holds the key already. */
    private Key single(UUID id, KeyElementCopy copy, Read read) {
        DeferredKeySecret secret = secret(id, copy.xml());
        DecryptedKey decrypted = secret.decryptedOrNull();
        if (decrypted != null) {
            warnIfShort(decrypted, read);
            return held.computeIfAbsent(id, ignored -> decrypted.key());
        }
        Key mine = held.get(id);
        if (mine != null) {
            return mine; // as ASP.NET keeps a key it holds, also when its (re-encrypted) element cannot be decrypted
        }
        KeyElement element = copy.element();
        return Key.deferred(id, element.creationDate(), element.activationDate(), element.expirationDate(), null,
                secret);
    }

    private DeferredKeySecret secret(UUID id, String xml) {
        return secrets.computeIfAbsent(xml, text -> new DeferredKeySecret(id, text, decryptors, random, clock, outcome));
    }

    /** Several elements with one id: each decrypted now, so that their master keys can be compared. */
    private Key resolveCopies(UUID id, List<KeyElementCopy> copies, Read read) {
        List<DecryptedKey> usable = new ArrayList<>();
        Key unusable = null;
        Key mine = held.get(id);
        for (KeyElementCopy copy : copies) {
            DeferredKeySecret secret = secret(id, copy.xml());
            if (mine == null && secret.decryptedOrNull() != null) {
                mine = secret.decryptedOrNull().key(); // decrypted on use since the last read: this instance holds it
            }
            try {
                usable.add(secret.decrypt());
            } catch (KeyDecryptionException e) {
                unusable = unusable(copy.element(), secret.failure().orElse(e.getMessage()));
            }
        }
        if (usable.isEmpty()) {
            // A key this instance created or decrypted before stays usable, as ASP.NET keeps a key it holds
            return mine != null ? mine : unusable;
        }
        DecryptedKey first = usable.get(0);
        if (usable.stream().allMatch(d -> d.sameKeyAs(first))) {
            LOG.debugf("Key %s is stored %d times with the same master key (a re-encryption in progress)", id,
                    copies.size());
            warnIfShort(first, read);
            return held.computeIfAbsent(id, ignored -> first.key());
        }
        String what = "The store holds " + copies.size() + " elements for key " + id
                + " with different master keys, algorithms or dates";
        if (mine != null) {
            read.warn(what + "; this instance keeps the copy it already holds");
            held.putIfAbsent(id, mine);
            return mine;
        }
        read.warn(what + "; neither copy is trusted, so the key cannot be used");
        return Key.unusable(id, first.key().creationDate(), first.key().activationDate(),
                first.key().expirationDate(), null, "duplicate key id with conflicting copies in the store");
    }

    private static void warnIfShort(DecryptedKey key, Read read) {
        if (key.isShort()) {
            read.warn(shortKeyWarning(key));
        }
    }

    private static String shortKeyWarning(DecryptedKey key) {
        return "Key " + key.key().id() + " has a " + key.masterKeyBits() + "-bit master key; ASP.NET Core and this "
                + "library create 512-bit keys. It is used, but check who wrote it";
    }

    private static Key unusable(KeyElement element, String reason) {
        return Key.unusable(element.id(), element.creationDate(), element.activationDate(), element.expirationDate(),
                null, reason);
    }

    private void warnOnce(String token, String message) {
        if (reported.add(token)) {
            LOG.warn(message);
        }
    }

    /** Logs what lazy decryptions found, and holds what they decrypted. */
    private final class DecryptionLog implements DeferredKeySecret.Outcome {
        @Override
        public void decrypted(DecryptedKey key, int failedBefore) {
            UUID id = key.key().id();
            if (key.isShort()) {
                LOG.warnf("Key %s has a %d-bit master key; ASP.NET Core and this library create 512-bit keys", id,
                        key.masterKeyBits());
            }
            if (failedBefore > 0) {
                LOG.infof("Key %s can be decrypted again after %d failed attempt(s)", id, failedBefore);
            }
        }

        @Override
        public void failed(UUID id, String reason) {
            warnOnce("key:" + id + ":" + reason, "Key " + id + " cannot be decrypted, so it cannot be used (it is kept "
                    + "in the store and tried again): " + reason);
        }
    }

    /** One parsed key element (without its descriptor) and the text it came from. */
    private record KeyElementCopy(KeyElement element, String xml) {
    }

    /** The state of one read. */
    private final class Read {
        final Map<UUID, List<KeyElementCopy>> keyCopies = new LinkedHashMap<>();
        final Set<UUID> revokedIds = new HashSet<>();
        Instant revokedBefore;
        final List<String> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<RingElement> restorable = new ArrayList<>();
        int skippedKeys;

        void element(StoredElement stored, int index) {
            String handle = stored.name() != null ? stored.name() : "entry " + (index + 1);
            if (!stored.isReadable()) {
                problems.add(handle + ": " + stored.problem());
                return;
            }
            ParsedElements.Parsed result = parsed.parse(stored.xml());
            if (result.error() != null) {
                skipped(handle, result.error());
            } else if (result.unexpected() != null) {
                problems.add(handle + ": cannot be parsed (" + result.unexpected() + ")");
            } else if (result.element() instanceof RevocationElement revocation) {
                revoked(revocation);
                restorable.add(new RingElement(stored, revocation));
            } else if (result.element() instanceof KeyElement key) {
                keyCopies.computeIfAbsent(key.id(), id -> new ArrayList<>(1)).add(new KeyElementCopy(key, stored.xml()));
                restorable.add(new RingElement(stored, key));
            }
        }

        /** Indexes a revocation, so that applying them all costs one lookup per key ({@link RevocationElement#revokes}). */
        private void revoked(RevocationElement revocation) {
            if (revocation.keyId() != null) {
                revokedIds.add(revocation.keyId());
            } else if (revokedBefore == null || revocation.revocationDate().isAfter(revokedBefore)) {
                revokedBefore = revocation.revocationDate();
            }
        }

        boolean revokes(Key key) {
            return revokedIds.contains(key.id()) || revokedBefore != null && key.creationDate().isBefore(revokedBefore);
        }

        private void skipped(String handle, KeyXmlException e) {
            if (e.failsRead()) {
                problems.add(handle + ": " + e.getMessage());
                return;
            }
            if (e.kind() != KeyXmlException.Kind.UNKNOWN_ELEMENT) {
                skippedKeys++;
            }
            String message = handle + " is skipped (it is kept in the store): " + e.getMessage();
            warn(message);
            warnOnce("element:" + message, "Skipping a key ring element: " + message);
        }

        void warn(String message) {
            warnings.add(message);
        }
    }
}
