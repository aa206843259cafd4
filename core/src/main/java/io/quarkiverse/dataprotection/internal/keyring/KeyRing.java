package io.quarkiverse.dataprotection.internal.keyring;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkiverse.dataprotection.keys.Key;

/**
 * An immutable snapshot of the key ring: every known key by id, and the default key that protects new data.
 * <p>
 * Immutable and safe for concurrent use.
 */
public final class KeyRing {

    private final Map<UUID, Key> keys;
    private final Key defaultKey;

    public KeyRing(Collection<Key> keys, Key defaultKey) {
        Map<UUID, Key> byId = new LinkedHashMap<>();
        keys.forEach(k -> byId.put(k.id(), k));
        this.keys = Collections.unmodifiableMap(byId);
        this.defaultKey = defaultKey;
    }

    /** The empty ring of a provider that has not read its store yet. */
    public static KeyRing empty() {
        return new KeyRing(List.of(), null);
    }

    /** The key new data is protected with, or {@code null} when no key is usable. */
    public Key defaultKey() {
        return defaultKey;
    }

    /** The key with {@code id}, or {@code null} when the ring does not know it. */
    public Key find(UUID id) {
        return keys.get(id);
    }

    /** Every key of the ring. */
    public Collection<Key> keys() {
        return keys.values();
    }

    @Override
    public String toString() {
        return "KeyRing[" + keys.size() + " keys, default=" + (defaultKey == null ? "none" : defaultKey.id()) + "]";
    }
}
