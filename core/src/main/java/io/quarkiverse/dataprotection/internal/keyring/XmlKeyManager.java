package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;
import io.quarkiverse.dataprotection.internal.xml.RevocationElement;
import io.quarkiverse.dataprotection.internal.xml.XmlDates;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.KeyEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * The {@link KeyManager} over a {@link XmlRepository} of ASP.NET Core key XML ({@code XmlKeyManager}). How a read is
 * interpreted (what fails it, what is skipped, duplicates, decryption retries) is described in {@link KeyRingReader}.
 * <p>
 * Keys are created with a compare-and-append on a {@link VersionedXmlRepository}, so a call that times out and is
 * retried (by the caller or the store's client) never leaves two keys. Every change made here increments
 * {@link #changeCount()}, which the key ring cache reads to refresh itself: this class never calls up into it.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
public final class XmlKeyManager implements KeyManager {

    private static final Logger LOG = Logger.getLogger(XmlKeyManager.class);
    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final XmlRepository store;
    private final KeyEncryptor encryptor;
    private final List<KeyDecryptor> decryptors;
    private final AlgorithmConfiguration algorithms;
    private final Clock clock;
    private final RandomSource random;
    private final KeyRingReader reader;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong emptyStoreAcceptances = new AtomicLong();
    private final Set<UUID> deletedKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedElements = ConcurrentHashMap.newKeySet();
    private final List<RevocationElement> revokedHere = new CopyOnWriteArrayList<>();
    /** A key whose compare-and-append another writer refused; see {@link #createNewKeyIfVersion}. */
    private final AtomicReference<NewKey> refused = new AtomicReference<>();

    public XmlKeyManager(XmlRepository store, KeyEncryptor encryptor, List<KeyDecryptor> decryptors,
            AlgorithmConfiguration algorithms, Clock clock, RandomSource random) {
        this.store = Objects.requireNonNull(store, "store");
        this.encryptor = encryptor;
        this.decryptors = List.copyOf(decryptors);
        this.algorithms = Objects.requireNonNull(algorithms, "algorithms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.reader = new KeyRingReader(this.decryptors, random, clock);
    }

    public XmlRepository store() {
        return store;
    }

    /** Incremented by every change this manager makes; a cache that read the ring at another count is stale. */
    public long changeCount() {
        return changes.get();
    }

    /** {@code read} with the warnings about keys decrypted since it was made (see {@link KeyRingReader}). */
    StoreSnapshot withDecryptionWarnings(StoreSnapshot read) {
        return reader.withDecryptionWarnings(read);
    }

    /** When a key whose decryption failed is tried again, or {@code null} when none failed. */
    public Instant nextDecryptionRetry() {
        return reader.nextDecryptionRetry();
    }

    /** How often {@link #acceptEmptyStore()} was called. */
    public long emptyStoreAcceptances() {
        return emptyStoreAcceptances.get();
    }

    /** The ids of keys this manager deleted (so they are never restored). */
    public Set<UUID> deletedKeyIds() {
        return Set.copyOf(deletedKeys);
    }

    /** Whether this manager deleted {@code element} (a key or revocation, by its stored text). */
    public boolean deleted(RingElement element) {
        return deletedElements.contains(element.stored().xml())
                || element.keyId() != null && deletedKeys.contains(element.keyId());
    }

    /**
     * {@inheritDoc}
     *
     * @throws KeyXmlException when an entry cannot be read or a revocation cannot be interpreted (the list would be
     *         incomplete, a revoked key could look valid)
     */
    @Override
    public List<Key> getAllKeys() {
        return readKeyRing().requireComplete(store).keys();
    }

    /**
     * Reads the store: every key with revocations applied, and what could not be read.
     *
     * @throws XmlRepositoryException when the store cannot be read
     */
    public StoreSnapshot readKeyRing() {
        if (store instanceof VersionedXmlRepository versioned) {
            VersionedXmlRepository.VersionedElements read = versioned.readVersioned();
            return reader.read(read.elements(), read.version());
        }
        return reader.read(store.readAll(), null);
    }

    /**
     * {@inheritDoc}
     * <p>
     * On a {@link VersionedXmlRepository} the one new element is appended with a compare-and-append, retried with the
     * store's new version when another writer changed it meanwhile; since every attempt appends the same element, a
     * timed-out attempt that lands late makes the others fail, so the key is stored exactly once.
     */
    @Override
    public Key createNewKey(Instant activationDate, Instant expirationDate) {
        NewKey created = prepare(activationDate, expirationDate);
        if (!(store instanceof VersionedXmlRepository versioned)) {
            store.add(created.xml(), created.friendlyName());
            return created(created);
        }
        XmlRepositoryException lastFailure = null;
        for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
            try {
                if (append(created, versioned.version())) {
                    return created(created);
                }
            } catch (XmlRepositoryException e) {
                lastFailure = e;
            }
        }
        String reason = lastFailure == null ? "it kept changing" : lastFailure.getMessage();
        throw new XmlRepositoryException("Key " + created.key().id() + " could not be created in " + store.description()
                + " after " + MAX_CREATE_ATTEMPTS + " attempts (" + reason + "); it was not stored", lastFailure);
    }

    /**
     * Creates a key only if the store is still at {@code expectedVersion} (exactly-once creation across processes).
     * Stores that are not {@link VersionedXmlRepository}s, or a {@code null} version, append unconditionally.
     * <p>
     * When the conditional append fails or times out, the store is read again: if the new element is there (a retry
     * of a command that had landed), the key counts as created; only otherwise is another writer the winner.
     * <p>
     * A key whose append was refused is kept, and the next call asking for the same dates appends that same element:
     * a caller that loses the race and tries again (the key ring refresh does, when the winner's change brought no
     * key) does not make and encrypt another key, which with Key Vault key wrap would be another billed wrap call.
     *
     * @return the key, or empty when another writer changed the store first
     * @throws XmlRepositoryException when the store cannot be written (and the element is not in it)
     */
    public Optional<Key> createNewKeyIfVersion(Instant activationDate, Instant expirationDate, String expectedVersion) {
        NewKey kept = refused.getAndSet(null);
        NewKey created = kept != null && kept.isFor(activationDate, expirationDate) ? kept
                : prepare(activationDate, expirationDate);
        if (expectedVersion == null || !(store instanceof VersionedXmlRepository)) {
            store.add(created.xml(), created.friendlyName());
            return Optional.of(created(created));
        }
        if (!append(created, expectedVersion)) {
            refused.set(created); // refused for certain and not in the store, so never stored twice
            LOG.debugf("Another instance changed %s first; not creating key %s", store.description(), created.key().id());
            return Optional.empty();
        }
        return Optional.of(created(created));
    }

    private NewKey prepare(Instant activationDate, Instant expirationDate) {
        Objects.requireNonNull(activationDate, "activationDate");
        Objects.requireNonNull(expirationDate, "expirationDate");
        if (!expirationDate.isAfter(activationDate)) {
            throw new IllegalArgumentException("Invalid key dates: expiration " + expirationDate
                    + " must be after activation " + activationDate);
        }
        UUID id = UUID.randomUUID();
        Secret masterKey = Secret.random(KeyRingReader.EXPECTED_MASTER_KEY_BYTES, random);
        String xml = KeyXml.writeKey(id, clock.instant(), activationDate, expirationDate, algorithms, masterKey, encryptor);
        // Read our own element back so the cached key carries exactly the dates the store holds.
        KeyElement written = (KeyElement) KeyXml.parseHeader(xml);
        return new NewKey(DecryptedKey.of(written, new KeyXml.KeyMaterial(algorithms, masterKey), random), xml,
                activationDate, expirationDate);
    }

    private Key created(NewKey created) {
        Key key = created.key();
        reader.hold(created.decrypted(), created.xml()); // never decrypted again: this instance made it
        changes.incrementAndGet();
        LOG.infof("Created key %s (activation %s, expiration %s, %s) in %s", key.id(), key.activationDate(),
                key.expirationDate(), algorithms, store.description());
        return key;
    }

    /**
     * Appends the new key's element if the store is at {@code expectedVersion}; true when the element is in the store
     * afterwards (also when a timed-out or refused attempt had in fact landed before).
     */
    private boolean append(NewKey created, String expectedVersion) {
        VersionedXmlRepository versioned = (VersionedXmlRepository) store;
        try {
            if (versioned.addIfVersion(expectedVersion, created.xml(), created.friendlyName())) {
                return true;
            }
        } catch (XmlRepositoryException e) {
            if (!contains(versioned, created.xml())) {
                throw e;
            }
            LOG.debugf("Appending key %s to %s failed (%s), but it had landed", created.key().id(),
                    store.description(), e.getMessage());
            return true;
        }
        return contains(versioned, created.xml());
    }

    private static boolean contains(VersionedXmlRepository store, String xml) {
        return store.readAll().stream().anyMatch(e -> xml.equals(e.xml()));
    }

    /**
     * Appends elements a store lost, exactly as they were read, in one compare-and-append at {@code expectedVersion}
     * (unconditionally on stores without versions).
     *
     * @return whether they were appended; {@code false} when another writer changed the store first
     */
    public boolean restoreElements(String expectedVersion, List<RingElement> elements) {
        List<VersionedXmlRepository.NewElement> toAdd = new ArrayList<>(elements.size());
        elements.forEach(e -> toAdd.add(new VersionedXmlRepository.NewElement(e.stored().xml(), e.friendlyName())));
        boolean restored;
        if (store instanceof VersionedXmlRepository versioned && expectedVersion != null) {
            restored = versioned.addAllIfVersion(expectedVersion, toAdd);
        } else {
            toAdd.forEach(e -> store.add(e.xml(), e.friendlyName()));
            restored = true;
        }
        if (restored) {
            changes.incrementAndGet();
        }
        return restored;
    }

    @Override
    public void revokeKey(UUID keyId, String reason) {
        Objects.requireNonNull(keyId, "keyId");
        String xml = KeyXml.writeRevocation(clock.instant(), keyId, reason);
        store.add(xml, "revocation-" + keyId);
        revokedHere.add((RevocationElement) KeyXml.parse(xml));
        changes.incrementAndGet();
        LOG.infof("Revoked key %s in %s", keyId, store.description());
    }

    @Override
    public void revokeAllKeys(Instant revocationDate, String reason) {
        Objects.requireNonNull(revocationDate, "revocationDate");
        String xml = KeyXml.writeRevocation(revocationDate, null, reason);
        store.add(xml, revocationFileName(revocationDate));
        revokedHere.add((RevocationElement) KeyXml.parse(xml));
        changes.incrementAndGet();
        LOG.infof("Revoked all keys created before %s in %s", revocationDate, store.description());
    }

    /**
     * {@code keys} with the revocations made through this manager applied: a ring served while the store cannot be
     * read (or reads incomplete) still never uses a key revoked here.
     */
    public List<Key> withRevocationsMadeHere(Collection<Key> keys) {
        List<Key> result = new ArrayList<>(keys.size());
        for (Key key : keys) {
            result.add(revokedHere.stream().anyMatch(r -> r.revokes(key)) ? key.revoke() : key);
        }
        return result;
    }

    /** ASP.NET's {@code revocation-{yyyyMMddTHHmmssFFFFFFFZ}}: up to 7 fraction digits, trailing zeros dropped. */
    static String revocationFileName(Instant date) {
        return "revocation-" + XmlDates.compact(date);
    }

    @Override
    public int deleteKeys(Predicate<Key> shouldDelete) {
        Objects.requireNonNull(shouldDelete, "shouldDelete");
        StoreSnapshot read = readKeyRing().requireComplete(store);
        int deleted = KeyDeletion.delete(store, read, shouldDelete, this::recordDeleted);
        if (deleted > 0) {
            changes.incrementAndGet();
        }
        return deleted;
    }

    private void recordDeleted(RingElement element) {
        deletedElements.add(element.stored().xml());
        if (element.keyId() != null) {
            deletedKeys.add(element.keyId());
            reader.forget(element.keyId());
        }
    }

    @Override
    public int reencryptKeys() {
        if (encryptor == null) {
            throw new IllegalStateException("Cannot re-encrypt the keys in " + store.description()
                    + ": no key encryptor is configured");
        }
        int rewritten = KeyReencryption.reencrypt(store, encryptor, decryptors);
        if (rewritten > 0) {
            changes.incrementAndGet();
        }
        return rewritten;
    }

    @Override
    public void acceptEmptyStore() {
        emptyStoreAcceptances.incrementAndGet();
        changes.incrementAndGet();
        LOG.warnf("Operator accepted an empty key store %s: a new key ring may be started", store.description());
    }

    /**
     * A key about to be stored and its element, made for the dates asked ({@code activation}, {@code expiration},
     * as given, before .NET's tick truncation).
     */
    private record NewKey(DecryptedKey decrypted, String xml, Instant activation, Instant expiration) {

        boolean isFor(Instant activationDate, Instant expirationDate) {
            return activation.equals(activationDate) && expiration.equals(expirationDate);
        }

        Key key() {
            return decrypted.key();
        }

        String friendlyName() {
            return "key-" + key().id();
        }
    }
}
