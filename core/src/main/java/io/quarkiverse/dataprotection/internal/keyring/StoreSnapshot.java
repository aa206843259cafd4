package io.quarkiverse.dataprotection.internal.keyring;

import java.util.List;

import io.quarkiverse.dataprotection.internal.xml.KeyXmlException;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepository;

/**
 * One read of the store. Immutable.
 *
 * @param keys every key, revocations applied
 * @param elementCount how many elements the store returned
 * @param unreadableElements how many key elements were skipped because their header is invalid
 * @param version the store's version when it is a {@link VersionedXmlRepository}, else {@code null}
 * @param problems entries that make the read incomplete (by position or file name, never content): while there
 *        are any, the read must not replace a key ring, nor may a key be created because of it
 * @param warnings what an operator should look at although the read is usable (skipped elements, duplicate ids,
 *        short master keys)
 * @param elements every key and revocation element read, for restoring them when the store loses them
 */
public record StoreSnapshot(List<Key> keys, int elementCount, int unreadableElements, String version,
        List<String> problems, List<String> warnings, List<RingElement> elements) {

    /** Whether every entry could be read and every revocation interpreted. */
    public boolean isComplete() {
        return problems.isEmpty();
    }

    StoreSnapshot requireComplete(XmlRepository store) {
        if (!isComplete()) {
            throw new KeyXmlException(KeyXmlException.Kind.MALFORMED, "The key ring in " + store.description()
                    + " cannot be read completely: " + String.join("; ", problems));
        }
        return this;
    }
}
