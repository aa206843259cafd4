package io.quarkiverse.dataprotection.azure.keyvault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.WrapResult;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;

/**
 * The Key Vault calls of key wrap, through the Azure SDK's {@code CryptographyClient} (one per key version, built on
 * first use; {@code disableKeyCaching}, so every wrap and unwrap is done by Key Vault, and a versionless key always
 * wraps with its newest version, never with a version cached at start).
 * <p>
 * Each call is recorded with its outcome, and a failure becomes one message naming what to fix ({@link KeyVaultErrors}).
 * When a call fails in a way every call to that vault would (credential, 401, 429, 5xx, no answer), the vault is not
 * called again for a pause (5 seconds): the calls meanwhile fail at once with the same message, so that a key ring
 * of a thousand keys read during an outage costs one failed call, not a thousand. The last failure is kept for health
 * until a call succeeds.
 * <p>
 * Thread-safe.
 */
final class KeyVaultKeys {

    private static final Logger LOG = Logger.getLogger(KeyVaultKeys.class);
    private static final Duration CURRENT_VERSION_TTL = Duration.ofMinutes(1);

    private final KeyVaultKeyId key;
    private final KeyVaultClientOptions options;
    private final TokenCredential credential;
    private final Map<KeyVaultKeyId, CryptographyClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private volatile String lastFailure;
    private volatile Current current;

    /** @param key the key that wraps (a versionless one wraps with its newest version) */
    KeyVaultKeys(KeyVaultKeyId key, KeyVaultClientOptions options) {
        this.key = key;
        this.options = options;
        this.credential = options.buildCredential();
    }

    private record Outage(long untilNanos, KeyVaultFailure failure) {
    }

    private record Current(KeyVaultKeyId id, long untilNanos) {
    }

    KeyVaultKeyId key() {
        return key;
    }

    /** Wraps {@code contentKey} with RSA-OAEP on the configured key. */
    KeyWrapFormat.Wrapped wrap(byte[] contentKey) {
        WrapResult result = call(key, KeyVaultOperation.WRAP_KEY, "wrapKey", DataProtectionException::new,
                () -> client(key).wrapKey(KeyWrapAlgorithm.RSA_OAEP, contentKey));
        KeyVaultKeyId used;
        try {
            used = KeyVaultKeyId.parse(result.getKeyId());
        } catch (RuntimeException e) {
            throw new DataProtectionException("Azure Key Vault " + key.vaultUrl() + " answered wrapKey on key '"
                    + key.name() + "' without a valid key id");
        }
        LOG.debugf("Wrapped a content key with Key Vault key %s", used);
        return new KeyWrapFormat.Wrapped(used.toString(), result.getEncryptedKey());
    }

    /** Unwraps with RSA-OAEP on {@code kid} (already checked against the allowed keys). */
    byte[] unwrap(KeyVaultKeyId kid, byte[] wrappedKey) {
        byte[] contentKey = call(kid, KeyVaultOperation.UNWRAP_KEY, "unwrapKey",
                KeyDecryptionException::new,
                () -> client(kid).unwrapKey(KeyWrapAlgorithm.RSA_OAEP, wrappedKey).getKey());
        LOG.debugf("Unwrapped a content key with Key Vault key %s", kid);
        return contentKey;
    }

    /** The versioned id of the key that wraps now: the pinned version, or the newest one (read at most once a minute). */
    KeyVaultKeyId currentKey() {
        if (key.version().isPresent()) {
            return key;
        }
        Current known = current;
        if (known != null && System.nanoTime() - known.untilNanos < 0) {
            return known.id;
        }
        String id = call(key, KeyVaultOperation.GET_KEY, "getKey", DataProtectionException::new,
                () -> client(key).getKey().getId());
        KeyVaultKeyId parsed = KeyVaultKeyId.parse(id);
        current = new Current(parsed, System.nanoTime() + CURRENT_VERSION_TTL.toNanos());
        return parsed;
    }

    /** The last call's failure, until a call succeeds. */
    Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private CryptographyClient client(KeyVaultKeyId id) {
        return clients.computeIfAbsent(id, k -> {
            CryptographyClientBuilder builder = new CryptographyClientBuilder().keyIdentifier(k.toString())
                    .credential(credential).httpClient(options.http()).retryOptions(options.retryOptions())
                    .disableKeyCaching();
            if (options.challengeResourceVerificationDisabled()) {
                builder.disableChallengeResourceVerification();
            }
            return builder.buildClient();
        });
    }

    private <T> T call(KeyVaultKeyId target, KeyVaultOperation operation, String action,
            BiFunction<String, Throwable, ? extends RuntimeException> failure, Supplier<T> call) {
        Outage outage = outages.get(target.vaultUrl());
        if (outage != null && System.nanoTime() - outage.untilNanos < 0) {
            throw failure.apply(outage.failure.message(), null);
        }
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            KeyVaultFailure described = KeyVaultErrors.describe(e, target.vaultUrl(), KeyVaultErrors.Subject.KEY,
                    "'" + target.name() + "'" + target.version().map(v -> " version " + v).orElse(""), action,
                    options.credentialHint(), options.retries());
            options.record(operation, described.outcome());
            lastFailure = described.message();
            if (described.outcome().vaultWide()) {
                outages.put(target.vaultUrl(), new Outage(System.nanoTime() + options.outagePause().toNanos(),
                        described));
            }
            throw failure.apply(described.message(), e);
        }
        options.record(operation, KeyVaultOutcome.SUCCESS);
        outages.remove(target.vaultUrl());
        lastFailure = null;
        return result;
    }
}
