package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Clock;
import java.time.Duration;
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
import io.quarkiverse.dataprotection.internal.xml.KeyRingElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;
import io.quarkiverse.dataprotection.internal.xml.RevocationElement;
import io.quarkiverse.dataprotection.keys.Key;
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
 * <li>a key whose secret cannot be decrypted stays in the ring as unusable; the decryption is tried again on later
 * reads, no sooner than a backoff of 1 s doubling up to 1 minute;</li>
 * <li>several elements with one key id are one key when their master keys, algorithms and dates agree (as a
 * re-encryption leaves them for a moment); when they disagree, the copy this instance already holds is kept, and
 * without one neither copy is trusted (the key is unusable). Both are reported;</li>
 * <li>a master key shorter than the 512 bits ASP.NET and this library create is used (refusing it would make Java
 * and .NET instances choose different default keys) but reported.</li>
 * </ul>
 * Each distinct element is decrypted once per process and cached by its XML text; held keys (ever decrypted, by
 * id) are remembered until deleted through the key manager.
 * <p>
 * Thread-safety: safe for concurrent use (the caches are concurrent; a read's own state is local).
 */
final class KeyRingReader {

    private static final Logger LOG = Logger.getLogger(KeyRingReader.class);
    static final int EXPECTED_MASTER_KEY_BYTES = 64;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final List<KeyDecryptor> decryptors;
    private final RandomSource random;
    private final Clock clock;
    /** Every key this instance decrypted, by id: what it "already holds". */
    private final Map<UUID, Key> held = new ConcurrentHashMap<>();
    private final Map<String, DecryptedKey> decrypted = new ConcurrentHashMap<>();
    private final Map<String, FailedDecryption> failed = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

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
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<UUID, List<KeyElementCopy>> entry : read.keyCopies.entrySet()) {
            Key key = resolveCopies(entry.getKey(), entry.getValue(), read);
            boolean revoked = read.revocations.stream().anyMatch(r -> r.revokes(key));
            keys.add(revoked ? key.revoke() : key);
        }
        Set<String> present = new HashSet<>();
        stored.forEach(e -> present.add(e.xml()));
        decrypted.keySet().retainAll(present);
        failed.keySet().retainAll(present);
        Instant retry = failed.values().stream().map(FailedDecryption::nextAttempt).min(Instant::compareTo)
                .orElse(null);
        return new StoreSnapshot(List.copyOf(keys), stored.size(), read.skippedKeys, version,
                List.copyOf(read.problems), List.copyOf(read.warnings), List.copyOf(read.restorable), retry);
    }

    /** Forgets a deleted key, so that a later element with its id is decrypted afresh. */
    void forget(UUID keyId) {
        held.remove(keyId);
    }

    /** Remembers a key this instance just created. */
    void hold(Key key) {
        held.put(key.id(), key);
    }

    private Key resolveCopies(UUID id, List<KeyElementCopy> copies, Read read) {
        List<DecryptedKey> usable = new ArrayList<>();
        Key unusable = null;
        for (KeyElementCopy copy : copies) {
            Object result = decrypt(copy);
            if (result instanceof DecryptedKey d) {
                usable.add(d);
            } else {
                unusable = (Key) result;
            }
        }
        if (usable.isEmpty()) {
            // A key this instance created or decrypted before stays usable, as ASP.NET keeps a key it holds
            return held.getOrDefault(id, unusable);
        }
        DecryptedKey first = usable.get(0);
        boolean agree = usable.stream().allMatch(d -> d.sameKeyAs(first));
        if (agree) {
            if (usable.size() > 1) {
                LOG.debugf("Key %s is stored %d times with the same master key (a re-encryption in progress)", id,
                        usable.size());
            }
            if (first.isShort()) {
                read.warn("Key " + id + " has a " + first.masterKeyBits() + "-bit master key; ASP.NET Core and this "
                        + "library create 512-bit keys. It is used, but check who wrote it");
            }
            return held.computeIfAbsent(id, ignored -> first.key());
        }
        Key mine = held.get(id);
        String what = "The store holds " + copies.size() + " elements for key " + id
                + " with different master keys, algorithms or dates";
        if (mine != null) {
            read.warn(what + "; this instance keeps the copy it already holds");
            return mine;
        }
        read.warn(what + "; neither copy is trusted, so the key cannot be used");
        return Key.unusable(id, first.key().creationDate(), first.key().activationDate(),
                first.key().expirationDate(), null, "duplicate key id with conflicting copies in the store");
    }

    /** The copy as a {@link DecryptedKey}, or an unusable {@link Key} saying why not. */
    private Object decrypt(KeyElementCopy copy) {
        DecryptedKey known = decrypted.get(copy.xml());
        if (known != null) {
            return known;
        }
        KeyElement element = copy.element();
        Instant now = clock.instant();
        FailedDecryption previous = failed.get(copy.xml());
        if (previous != null && now.isBefore(previous.nextAttempt())) {
            return unusable(element, previous.reason());
        }
        try {
            KeyXml.KeyMaterial material = KeyXml.readDescriptor(element, decryptors);
            DecryptedKey key = DecryptedKey.of(element, material, random);
            if (key.isShort()) {
                LOG.warnf("Key %s has a %d-bit master key; ASP.NET Core and this library create 512-bit keys",
                        element.id(), key.masterKeyBits());
            }
            decrypted.put(copy.xml(), key);
            failed.remove(copy.xml());
            if (previous != null) {
                LOG.infof("Key %s can be decrypted again after %d failed attempt(s)", element.id(), previous.attempts());
            }
            return key;
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            String reason = Failures.describe(e);
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            failed.put(copy.xml(), new FailedDecryption(reason, attempts, now.plus(backoff(attempts))));
            warnOnce("key:" + element.id() + ":" + reason, "Key " + element.id()
                    + " cannot be used and is skipped (it is kept in the store and tried again): " + reason);
            return unusable(element, reason);
        }
    }

    private static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 16));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
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

    /** One parsed key element and the text it came from. */
    private record KeyElementCopy(KeyElement element, String xml) {
    }

    /** A failed decryption and when to try again. */
    private record FailedDecryption(String reason, int attempts, Instant nextAttempt) {
    }

    /** The state of one read. */
    private final class Read {
        final Map<UUID, List<KeyElementCopy>> keyCopies = new LinkedHashMap<>();
        final List<RevocationElement> revocations = new ArrayList<>();
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
            KeyRingElement parsed;
            try {
                parsed = KeyXml.parse(stored.xml());
            } catch (KeyXmlException e) {
                skipped(handle, e);
                return;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                problems.add(handle + ": cannot be parsed (" + e.getClass().getSimpleName() + ")");
                return;
            }
            if (parsed instanceof RevocationElement revocation) {
                revocations.add(revocation);
                restorable.add(new RingElement(stored, revocation));
            } else if (parsed instanceof KeyElement key) {
                keyCopies.computeIfAbsent(key.id(), id -> new ArrayList<>()).add(new KeyElementCopy(key, stored.xml()));
                restorable.add(new RingElement(stored, key));
            }
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
