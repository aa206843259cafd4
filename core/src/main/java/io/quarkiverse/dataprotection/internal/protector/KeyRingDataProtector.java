package io.quarkiverse.dataprotection.internal.protector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtectionListener.Failure;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.TimeLimitedDataProtector;
import io.quarkiverse.dataprotection.UnprotectResult;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.keyring.KeyRing;
import io.quarkiverse.dataprotection.internal.keyring.KeyRingProvider;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;

/**
 * ASP.NET Core's {@code KeyRingBasedDataProtector}: protects with the key ring's default key and unprotects with
 * the key named in the payload header.
 *
 * <pre>
 * payload := 09 F0 C9 F0 || keyId (16, .NET GUID order) || encryptor output
 * aad     := 09 F0 C9 F0 || keyId || purposeCount (uint32 BE) || (7-bit length || UTF-8 purpose)*
 * </pre>
 *
 * Thread-safety: immutable apart from a benign cache of the last AAD; safe for concurrent use.
 */
final class KeyRingDataProtector implements DataProtector {

    private final KeyRingProvider keyRing;
    private final List<String> purposes;
    private final byte[] aadTemplate;
    private final Clock clock;
    private final DataProtectionListener listener;
    private volatile CachedAad cachedAad;

    KeyRingDataProtector(KeyRingProvider keyRing, List<String> purposes, Clock clock, DataProtectionListener listener) {
        this.keyRing = keyRing;
        this.listener = listener;
        this.purposes = List.copyOf(purposes);
        this.aadTemplate = PayloadFormat.aadTemplate(this.purposes);
        this.clock = clock;
    }

    @Override
    public DataProtector createProtector(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        List<String> chain = new ArrayList<>(purposes.size() + 1);
        chain.addAll(purposes);
        chain.add(purpose);
        return new KeyRingDataProtector(keyRing, chain, clock, listener);
    }

    @Override
    public byte[] protect(byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        Key key = keyRing.current().defaultKey();
        if (key == null) {
            listener.onFailure(Failure.NO_DEFAULT_KEY);
            throw new DataProtectionException("No key can protect data: the key ring of "
                    + keyRing.keyManager().store().description()
                    + " has no usable default key (see the data-protection health check for why)");
        }
        byte[] payload = encryptorOf(key).encrypt(plaintext, aadFor(key.id()), PayloadFormat.HEADER_SIZE, 0);
        PayloadFormat.writeHeader(payload, key.id());
        listener.onProtect();
        return payload;
    }

    @Override
    public byte[] unprotect(byte[] protectedData) {
        return unprotect(protectedData, false).plaintext();
    }

    @Override
    public UnprotectResult unprotectPersisted(byte[] protectedData, boolean ignoreRevocationErrors) {
        return unprotect(protectedData, ignoreRevocationErrors);
    }

    private UnprotectResult unprotect(byte[] payload, boolean ignoreRevocationErrors) {
        Objects.requireNonNull(payload, "protectedData");
        if (!PayloadFormat.hasMagicHeader(payload)) {
            throw failure(Failure.INVALID_PAYLOAD, DataProtectionException.invalidPayload());
        }
        UUID keyId = PayloadFormat.readKeyId(payload);
        KeyRing ring = keyRing.current();
        Key key = ring.find(keyId);
        if (key == null) {
            ring = keyRing.refreshForUnknownKey(keyId);
            key = ring.find(keyId);
            if (key == null) {
                throw failure(Failure.UNKNOWN_KEY,
                        new DataProtectionException("The key " + keyId + " was not found in the key ring"));
            }
        }
        if (key.isRevoked() && !ignoreRevocationErrors) {
            throw failure(Failure.REVOKED_KEY, new DataProtectionException("The key " + keyId + " has been revoked"));
        }
        AuthenticatedEncryptor encryptor = encryptorOf(key);
        byte[] plaintext;
        try {
            plaintext = encryptor.decrypt(payload, PayloadFormat.HEADER_SIZE, payload.length - PayloadFormat.HEADER_SIZE,
                    aadFor(keyId));
        } catch (DataProtectionException e) {
            throw failure(Failure.INVALID_PAYLOAD, e);
        }
        listener.onUnprotect();
        Key defaultKey = ring.defaultKey();
        boolean requiresMigration = key.isRevoked() || defaultKey == null || !defaultKey.id().equals(keyId);
        return new UnprotectResult(plaintext, requiresMigration, key.isRevoked());
    }

    /**
     * The key's encryptor. A key not decrypted yet is decrypted here, on the caller's thread: the one-time cost of the
     * first payload under an old key (about 1 ms with certificate encryption; concurrent callers wait for the same
     * decryption). A key that cannot be decrypted fails with {@code The key <id> cannot be used: <reason>}; its
     * decryption is tried again by a later payload once the backoff (1 s, doubling to 1 minute) is over.
     */
    private AuthenticatedEncryptor encryptorOf(Key key) {
        if (key.canEncrypt()) {
            try {
                return key.encryptor();
            } catch (KeyDecryptionException e) {
                // the reason is the key's (its unusable reason below), already logged once
            }
        }
        throw failure(Failure.UNUSABLE_KEY, new DataProtectionException(
                "The key " + key.id() + " cannot be used: " + key.unusableReason().orElse("")));
    }

    private DataProtectionException failure(Failure reason, DataProtectionException e) {
        listener.onFailure(reason);
        return e;
    }

    private byte[] aadFor(UUID keyId) {
        CachedAad cached = cachedAad;
        if (cached != null && cached.keyId.equals(keyId)) {
            return cached.aad;
        }
        byte[] aad = PayloadFormat.aadFor(aadTemplate, keyId);
        cachedAad = new CachedAad(keyId, aad);
        return aad;
    }

    @Override
    public TimeLimitedDataProtector toTimeLimited() {
        return toTimeLimited(clock);
    }

    @Override
    public TimeLimitedDataProtector toTimeLimited(Clock clock) {
        return new TimeLimitedProtector(this, Objects.requireNonNull(clock, "clock"), listener);
    }

    @Override
    public String toString() {
        return "DataProtector" + purposes;
    }

    /** The AAD of the key last used; encryptors never modify the AAD array, so sharing it is safe. */
    private record CachedAad(UUID keyId, byte[] aad) {
    }
}
