package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.keys.KeyManager;

/**
 * Deletes keys expired longer than the retention period (off unless configured, as in ASP.NET): only in the
 * background, after a successful read, and never the default key.
 */
final class KeyRetention {

    private static final Logger LOG = Logger.getLogger(KeyRetention.class);

    private KeyRetention() {
    }

    static void deleteExpired(KeyManager keyManager, KeyRing ring, boolean lastReadSucceeded, Instant now,
            Duration retention) {
        if (!lastReadSucceeded) {
            return;
        }
        Instant cutoff = now.minus(retention);
        Key defaultKey = ring.defaultKey();
        boolean due = ring.keys().stream().anyMatch(k -> k.expirationDate().isBefore(cutoff) && k != defaultKey);
        if (due) {
            int deleted = keyManager.deleteKeys(k -> k.expirationDate().isBefore(cutoff)
                    && (defaultKey == null || !k.id().equals(defaultKey.id())));
            LOG.infof("Retention: deleted %d key(s) expired before %s", deleted, cutoff);
        }
    }
}
