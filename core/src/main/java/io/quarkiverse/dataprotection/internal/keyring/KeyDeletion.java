package io.quarkiverse.dataprotection.internal.keyring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.internal.xml.RevocationElement;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * {@link KeyManager#deleteKeys}, as .NET 9's {@code IDeletableKeyManager}: keys first, then the revocations that
 * only revoked deleted keys, so that a crash in between leaves a stale revocation, never an unrevoked key. Only
 * from a complete read: what cannot be read is never deleted, and neither is anything next to it.
 */
final class KeyDeletion {

    private static final Logger LOG = Logger.getLogger(KeyDeletion.class);

    private KeyDeletion() {
    }

    /**
     * Deletes the keys of {@code read} matching {@code shouldDelete} (revocations applied), then the revocations made
     * obsolete, telling {@code deleted} about each removed element.
     *
     * @return how many distinct keys were deleted
     */
    static int delete(XmlRepository store, StoreSnapshot read, Predicate<Key> shouldDelete, Consumer<RingElement> deleted) {
        List<Key> doomed = read.keys().stream().filter(shouldDelete).toList();
        if (doomed.isEmpty()) {
            return 0;
        }
        List<Key> remaining = read.keys().stream().filter(k -> !doomed.contains(k)).toList();
        List<RingElement> keyElements = new ArrayList<>();
        List<RingElement> obsoleteRevocations = new ArrayList<>();
        for (RingElement element : read.elements()) {
            if (element.parsed() instanceof RevocationElement revocation) {
                if (doomed.stream().anyMatch(revocation::revokes) && remaining.stream().noneMatch(revocation::revokes)) {
                    obsoleteRevocations.add(element);
                }
            } else if (doomed.stream().anyMatch(k -> k.id().equals(element.keyId()))) {
                keyElements.add(element);
            }
        }
        store.remove(stored(keyElements));
        keyElements.forEach(deleted);
        store.remove(stored(obsoleteRevocations));
        obsoleteRevocations.forEach(deleted);
        LOG.infof("Deleted %d key(s) %s and %d obsolete revocation(s) from %s", doomed.size(),
                doomed.stream().map(Key::id).toList(), obsoleteRevocations.size(), store.description());
        return doomed.size();
    }

    private static List<StoredElement> stored(List<RingElement> elements) {
        return elements.stream().map(RingElement::stored).toList();
    }
}
