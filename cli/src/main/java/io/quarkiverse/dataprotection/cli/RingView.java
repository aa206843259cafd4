package io.quarkiverse.dataprotection.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.cdi.ConfiguredKeyRing;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * One read of the ring for a command: every key (revocations applied, oldest first), the ring's status, and how each
 * key's master key is stored. Reading fails with {@link ExitCode#STORE_UNREACHABLE} when the store cannot be read, or
 * cannot be read completely (an element that might be a revocation is unreadable).
 * <p>
 * Immutable after construction.
 *
 * @param keys the keys, oldest first
 * @param status the ring's status after this read
 * @param encryptions how each key's master key is stored, by key id
 * @param now when it was read
 */
record RingView(List<Key> keys, KeyRingStatus status, Map<UUID, StoredElementInfo.KeyEncryptionInfo> encryptions,
        Instant now) {

    static RingView read(ConfiguredKeyRing ring) {
        try {
            List<Key> keys = new ArrayList<>(ring.provider().keyManager().getAllKeys());
            keys.sort(Comparator.comparing(Key::creationDate).thenComparing(Key::id));
            keys.forEach(RingView::tryDecrypt);
            KeyRingStatus status = ring.provider().refresh();
            status.lastRefreshError().ifPresent(error -> {
                throw new CliException(ExitCode.STORE_UNREACHABLE, error);
            });
            return new RingView(List.copyOf(keys), status, encryptions(ring.store().readAll()), Instant.now());
        } catch (XmlRepositoryException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, e.getMessage(), e);
        } catch (DataProtectionException e) {
            throw new CliException(ExitCode.STORE_UNREACHABLE, "The key ring cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The service decrypts a key on first use; an operator's view tries every key not tried yet, once, so that
     * {@code unusable} (with its reason) means "cannot be decrypted with this configuration" and the algorithms are
     * known. The reason of a failure is kept by the key.
     */
    private static void tryDecrypt(Key key) {
        if (key.isRevoked() || key.secretState() != Key.SecretState.ENCRYPTED) {
            return;
        }
        try {
            key.encryptor();
        } catch (RuntimeException failed) {
            // KeyDecryptionException and the like: the key keeps the reason, which state() and the report show
        }
    }

    Optional<Key> find(UUID id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    boolean isDefault(Key key) {
        return status.defaultKeyId().filter(key.id()::equals).isPresent();
    }

    /** {@code default}, {@code revoked}, {@code unusable}, {@code expired}, {@code pending} or {@code active}. */
    String state(Key key) {
        if (key.isRevoked()) {
            return "revoked";
        }
        if (!key.canEncrypt()) {
            return "unusable";
        }
        if (key.isExpired(now)) {
            return "expired";
        }
        if (key.activationDate().isAfter(now)) {
            return "pending";
        }
        return isDefault(key) ? "default" : "active";
    }

    StoredElementInfo.KeyEncryptionInfo encryption(Key key) {
        return encryptions.getOrDefault(key.id(), new StoredElementInfo.KeyEncryptionInfo("unknown", null, null, null));
    }

    private static Map<UUID, StoredElementInfo.KeyEncryptionInfo> encryptions(List<StoredElement> elements) {
        Map<UUID, StoredElementInfo.KeyEncryptionInfo> byId = new HashMap<>();
        for (StoredElement element : elements) {
            if (!element.isReadable()) {
                continue;
            }
            try {
                StoredElementInfo info = StoredElementInfo.of(SafeXml.parse(element.xml()));
                if (info.kind() == StoredElementInfo.Kind.KEY) {
                    byId.putIfAbsent(info.keyId(), info.encryption());
                }
            } catch (IllegalArgumentException e) {
                // The ring read reports such elements (warnings, unreadable count); nothing more to say here.
            }
        }
        return byId;
    }
}
