package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;

/**
 * Builds a {@link KeyRingStatus} from the cached ring and what the last refreshes found; reads nothing but memory
 * (every key's secret state included: it never decrypts). Stateless.
 */
final class StatusReport {

    private StatusReport() {
    }

    static KeyRingStatus of(String store, KeyRing ring, StoreSnapshot read, Instant lastSuccessfulRefresh,
            String lastRefreshError, String fault, String keyCreationBlocked, KeyRingStatus.Loss lastKeyLoss,
            boolean starting) {
        Key defaultKey = ring.defaultKey();
        Optional<Instant> nextActivation = ring.keys().stream()
                .filter(k -> !k.isRevoked() && k.canEncrypt())
                .filter(k -> defaultKey == null || k.activationDate().isAfter(defaultKey.activationDate()))
                .map(Key::activationDate).min(Instant::compareTo);
        List<String> unusable = new ArrayList<>();
        int decrypted = 0;
        int encrypted = 0;
        for (Key key : ring.keys()) {
            switch (key.secretState()) {
                case DECRYPTED -> decrypted++;
                case ENCRYPTED -> encrypted++;
                case FAILED -> unusable.add(key.id() + ": " + key.unusableReason().orElse("unknown"));
            }
        }
        return new KeyRingStatus(store, ring.keys().size(), Optional.ofNullable(defaultKey).map(Key::id),
                Optional.ofNullable(defaultKey).map(Key::expirationDate), nextActivation,
                Optional.ofNullable(lastSuccessfulRefresh), Optional.ofNullable(lastRefreshError), unusable,
                read == null ? 0 : read.unreadableElements(), Optional.ofNullable(fault),
                read == null ? List.of() : read.warnings(), Optional.ofNullable(keyCreationBlocked),
                Optional.ofNullable(lastKeyLoss), decrypted, encrypted, starting);
    }
}
