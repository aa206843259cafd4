package io.quarkiverse.dataprotection.keys;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.crypto.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.crypto.AuthenticatedEncryptors;
import io.quarkiverse.dataprotection.crypto.RandomSource;
import io.quarkiverse.dataprotection.crypto.Secret;
import io.quarkiverse.dataprotection.store.KeyStore;
import io.quarkiverse.dataprotection.store.StoredElement;
import io.quarkiverse.dataprotection.store.VersionedKeyStore;
import io.quarkiverse.dataprotection.wrap.KeyDecryptor;
import io.quarkiverse.dataprotection.wrap.KeyEncryptor;

/**
 * The {@link KeyManager} over a {@link KeyStore} of ASP.NET Core key XML ({@code XmlKeyManager}).
 * <p>
 * Each key's secret is decrypted once per process and kept in memory; a key no decryptor can read is reported as
 * {@linkplain Key#unusable unusable} (and tried again on the next read), never deleted or overwritten. Elements
 * that cannot be parsed are counted and skipped, never deleted.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
public final class XmlKeyManager implements KeyManager {

    private static final Logger LOG = Logger.getLogger(XmlKeyManager.class);
    private static final int MASTER_KEY_BYTES = 64;
    private static final DateTimeFormatter REVOCATION_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSSS'Z'") // ASP.NET: yyyyMMddTHHmmssFFFFFFFZ of the date
            .withZone(ZoneOffset.UTC);

    private final KeyStore store;
    private final KeyEncryptor encryptor;
    private final List<KeyDecryptor> decryptors;
    private final AlgorithmConfiguration algorithms;
    private final Clock clock;
    private final RandomSource random;
    private final Map<UUID, Key> readableKeys = new ConcurrentHashMap<>();
    private final Set<String> reportedUnreadable = ConcurrentHashMap.newKeySet();
    private volatile Runnable onChange = () -> {
    };

    public XmlKeyManager(KeyStore store, KeyEncryptor encryptor, List<KeyDecryptor> decryptors,
            AlgorithmConfiguration algorithms, Clock clock, RandomSource random) {
        this.store = Objects.requireNonNull(store, "store");
        this.encryptor = encryptor;
        this.decryptors = List.copyOf(decryptors);
        this.algorithms = Objects.requireNonNull(algorithms, "algorithms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Called after every change this manager makes, so the local key ring is refreshed at once. */
    public void onChange(Runnable listener) {
        this.onChange = Objects.requireNonNull(listener, "listener");
    }

    public KeyStore store() {
        return store;
    }

    @Override
    public List<Key> getAllKeys() {
        return readKeyRing().keys();
    }

    /**
     * Reads the store: every key with revocations applied, and how many elements could not be parsed.
     *
     * @throws io.quarkiverse.dataprotection.store.KeyStoreException when the store cannot be read
     */
    public StoreSnapshot readKeyRing() {
        List<StoredElement> stored;
        String version = null;
        if (store instanceof VersionedKeyStore versioned) {
            VersionedKeyStore.VersionedElements read = versioned.readVersioned();
            stored = read.elements();
            version = read.version();
        } else {
            stored = store.readAll();
        }
        Map<UUID, Key> keys = new LinkedHashMap<>();
        List<RevocationElement> revocations = new ArrayList<>();
        int unreadable = 0;
        for (StoredElement element : stored) {
            KeyRingElement parsed;
            try {
                parsed = KeyXml.parse(element.xml());
            } catch (RuntimeException e) {
                unreadable++;
                reportUnreadable(element, e);
                continue;
            }
            if (parsed instanceof RevocationElement revocation) {
                revocations.add(revocation);
            } else if (parsed instanceof KeyElement keyElement) {
                Key key = toKey(keyElement);
                keys.merge(key.id(), key, (first, second) -> first.canEncrypt() ? first : second);
            }
        }
        List<Key> result = new ArrayList<>(keys.size());
        for (Key key : keys.values()) {
            boolean revoked = revocations.stream().anyMatch(r -> r.revokes(key));
            result.add(revoked ? key.revoke() : key);
        }
        return new StoreSnapshot(List.copyOf(result), stored.size(), unreadable, version);
    }

    private Key toKey(KeyElement element) {
        Key known = readableKeys.get(element.id());
        if (known != null) {
            return known;
        }
        try {
            KeyXml.KeyMaterial material = KeyXml.readDescriptor(element, decryptors);
            Key key = Key.usable(element.id(), element.creationDate(), element.activationDate(),
                    element.expirationDate(), material.algorithms(),
                    AuthenticatedEncryptors.create(material.algorithms(), material.masterKey(), random));
            readableKeys.put(key.id(), key);
            return key;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reportedUnreadable.add("key:" + element.id() + ":" + reason)) {
                LOG.warnf("Key %s cannot be used and is skipped (it is kept in the store): %s", element.id(), reason);
            }
            return Key.unusable(element.id(), element.creationDate(), element.activationDate(),
                    element.expirationDate(), null, reason);
        }
    }

    private void reportUnreadable(StoredElement element, RuntimeException e) {
        String handle = element.name() != null ? element.name() : "#" + element.xml().hashCode();
        if (reportedUnreadable.add("element:" + handle)) {
            LOG.warnf("Skipping a key ring element that cannot be parsed (%s); it is kept in the store, and if it was "
                    + "a revocation, that revocation is not applied: %s", handle, e.getMessage());
        }
    }

    @Override
    public Key createNewKey(Instant activationDate, Instant expirationDate) {
        return createKey(activationDate, expirationDate, null).orElseThrow();
    }

    /**
     * Creates a key only if the store is still at {@code expectedVersion} (exactly-once creation across processes).
     * Stores that are not {@link VersionedKeyStore}s append unconditionally.
     *
     * @return the key, or empty when another writer changed the store first
     */
    public Optional<Key> createNewKeyIfVersion(Instant activationDate, Instant expirationDate, String expectedVersion) {
        return createKey(activationDate, expirationDate, expectedVersion);
    }

    private Optional<Key> createKey(Instant activationDate, Instant expirationDate, String expectedVersion) {
        Objects.requireNonNull(activationDate, "activationDate");
        Objects.requireNonNull(expirationDate, "expirationDate");
        if (!expirationDate.isAfter(activationDate)) {
            throw new IllegalArgumentException("Invalid key dates: expiration " + expirationDate
                    + " must be after activation " + activationDate);
        }
        UUID id = UUID.randomUUID();
        Secret masterKey = Secret.random(MASTER_KEY_BYTES, random);
        String xml = KeyXml.writeKey(id, clock.instant(), activationDate, expirationDate, algorithms, masterKey, encryptor);
        // Read our own element back so the cached key carries exactly the dates the store holds.
        KeyElement written = (KeyElement) KeyXml.parse(xml);
        Key key = Key.usable(id, written.creationDate(), written.activationDate(), written.expirationDate(), algorithms,
                AuthenticatedEncryptors.create(algorithms, masterKey, random));
        if (expectedVersion != null && store instanceof VersionedKeyStore versioned) {
            if (!versioned.addIfVersion(expectedVersion, xml, "key-" + id)) {
                LOG.debugf("Another instance changed %s first; not creating key %s", store.description(), id);
                return Optional.empty();
            }
        } else {
            store.add(xml, "key-" + id);
        }
        readableKeys.put(id, key);
        LOG.infof("Created key %s (activation %s, expiration %s, %s) in %s", id, key.activationDate(),
                key.expirationDate(), algorithms, store.description());
        onChange.run();
        return Optional.of(key);
    }

    @Override
    public void revokeKey(UUID keyId, String reason) {
        Objects.requireNonNull(keyId, "keyId");
        store.add(KeyXml.writeRevocation(clock.instant(), keyId, reason), "revocation-" + keyId);
        LOG.infof("Revoked key %s in %s", keyId, store.description());
        onChange.run();
    }

    @Override
    public void revokeAllKeys(Instant revocationDate, String reason) {
        Objects.requireNonNull(revocationDate, "revocationDate");
        store.add(KeyXml.writeRevocation(revocationDate, null, reason),
                "revocation-" + REVOCATION_NAME.format(revocationDate));
        LOG.infof("Revoked all keys created before %s in %s", revocationDate, store.description());
        onChange.run();
    }

    @Override
    public int deleteKeys(Predicate<Key> shouldDelete) {
        Objects.requireNonNull(shouldDelete, "shouldDelete");
        List<StoredElement> stored = store.readAll();
        Map<StoredElement, KeyRingElement> parsed = new LinkedHashMap<>();
        for (StoredElement element : stored) {
            try {
                parsed.put(element, KeyXml.parse(element.xml()));
            } catch (RuntimeException unreadable) {
                // never delete what we cannot read
            }
        }
        List<RevocationElement> revocations = parsed.values().stream().filter(RevocationElement.class::isInstance)
                .map(RevocationElement.class::cast).toList();
        List<StoredElement> deletedKeyElements = new ArrayList<>();
        List<Key> deletedKeys = new ArrayList<>();
        List<Key> remainingKeys = new ArrayList<>();
        for (Map.Entry<StoredElement, KeyRingElement> entry : parsed.entrySet()) {
            if (entry.getValue() instanceof KeyElement keyElement) {
                Key key = toKey(keyElement);
                Key withRevocation = revocations.stream().anyMatch(r -> r.revokes(key)) ? key.revoke() : key;
                if (shouldDelete.test(withRevocation)) {
                    deletedKeyElements.add(entry.getKey());
                    deletedKeys.add(withRevocation);
                } else {
                    remainingKeys.add(withRevocation);
                }
            }
        }
        if (deletedKeyElements.isEmpty()) {
            return 0;
        }
        // Keys first, then the revocations that only revoked deleted keys: a crash in between leaves a stale
        // revocation, never an unrevoked key.
        store.remove(deletedKeyElements);
        List<StoredElement> obsoleteRevocations = new ArrayList<>();
        for (Map.Entry<StoredElement, KeyRingElement> entry : parsed.entrySet()) {
            if (entry.getValue() instanceof RevocationElement revocation
                    && deletedKeys.stream().anyMatch(revocation::revokes)
                    && remainingKeys.stream().noneMatch(revocation::revokes)) {
                obsoleteRevocations.add(entry.getKey());
            }
        }
        store.remove(obsoleteRevocations);
        Set<UUID> deletedIds = new HashSet<>();
        deletedKeys.forEach(k -> deletedIds.add(k.id()));
        deletedIds.forEach(readableKeys::remove);
        LOG.infof("Deleted %d key(s) %s and %d obsolete revocation(s) from %s", deletedIds.size(), deletedIds,
                obsoleteRevocations.size(), store.description());
        onChange.run();
        return deletedIds.size();
    }

    @Override
    public int reencryptKeys() {
        if (encryptor == null) {
            throw new IllegalStateException("Cannot re-encrypt the keys in " + store.description()
                    + ": no key encryptor is configured");
        }
        int rewritten = KeyReencryption.reencrypt(store, encryptor, decryptors);
        if (rewritten > 0) {
            onChange.run();
        }
        return rewritten;
    }

    /**
     * One read of the store.
     *
     * @param keys every key, revocations applied
     * @param elementCount how many elements the store returned
     * @param unreadableElements how many of them could not be parsed
     * @param version the store's version when it is a {@link VersionedKeyStore}, else {@code null}
     */
    public record StoreSnapshot(List<Key> keys, int elementCount, int unreadableElements, String version) {
    }
}
