package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;

/**
 * One key of the key ring: its id, dates, revocation state and algorithms, and (when its secret could be read)
 * the encryptor made from its master key. The master key itself is not reachable from here.
 * <p>
 * A key read from a store is usually {@linkplain #deferred decrypted on first use}, as ASP.NET Core does: its
 * {@link #secretState()} is {@link SecretState#ENCRYPTED} until the key ring decrypts it (when it becomes the default
 * key or its successor) or a payload names it, then {@link SecretState#DECRYPTED} for good, or
 * {@link SecretState#FAILED} when that failed. A key whose secret could not be decrypted stays in the ring (so it is
 * reported, and never deleted or overwritten) but can neither protect nor unprotect, and never becomes the default
 * key; the decryption is tried again after a backoff.
 * <p>
 * Immutable apart from that one-way secret state, and safe for concurrent use.
 */
public final class Key {

    /** Where a key's master key stands. */
    public enum SecretState {
        /** Decrypted (or never encrypted) and turned into an encryptor: the key can protect and unprotect. */
        DECRYPTED,
        /** Not decrypted yet: decrypted on first use, and counted as usable until a decryption fails. */
        ENCRYPTED,
        /** Could not be decrypted; {@link Key#unusableReason()} says why. */
        FAILED
    }

    /**
     * A master key decrypted on first use, as the key ring implements it (an application has no reason to). It
     * decrypts at most once at a time, keeps what it decrypted, and after a failure waits out a backoff before it
     * tries again.
     * <p>
     * Implementations must be safe for concurrent use.
     */
    public interface DeferredSecret {

        /** Where the secret stands now. */
        SecretState state();

        /** Whether a decryption may be tried now: decrypted, never tried, or the last failure's backoff is over. */
        boolean mayDecrypt();

        /** Why the last decryption failed, while the state is {@link SecretState#FAILED}. */
        Optional<String> failure();

        /** The algorithms, once decrypted; {@code null} before. */
        AlgorithmConfiguration algorithms();

        /**
         * The encryptor, decrypting the master key first if needed (callers meanwhile wait for that one decryption).
         *
         * @throws KeyDecryptionException when it cannot be decrypted now, naming why (never key material)
         */
        AuthenticatedEncryptor encryptor();
    }

    private final UUID id;
    private final Instant creationDate;
    private final Instant activationDate;
    private final Instant expirationDate;
    private final boolean revoked;
    private final AlgorithmConfiguration algorithms;
    private final AuthenticatedEncryptor encryptor;
    private final DeferredSecret deferred;
    private final String unusableReason;

    private Key(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate, boolean revoked,
            AlgorithmConfiguration algorithms, AuthenticatedEncryptor encryptor, DeferredSecret deferred,
            String unusableReason) {
        this.id = Objects.requireNonNull(id, "id");
        this.creationDate = Objects.requireNonNull(creationDate, "creationDate");
        this.activationDate = Objects.requireNonNull(activationDate, "activationDate");
        this.expirationDate = Objects.requireNonNull(expirationDate, "expirationDate");
        this.revoked = revoked;
        this.algorithms = algorithms;
        this.encryptor = encryptor;
        this.deferred = deferred;
        this.unusableReason = unusableReason;
    }

    /** A key whose master key was read and turned into {@code encryptor}. */
    public static Key usable(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, AuthenticatedEncryptor encryptor) {
        return new Key(id, creationDate, activationDate, expirationDate, false, Objects.requireNonNull(algorithms),
                Objects.requireNonNull(encryptor, "encryptor"), null, null);
    }

    /**
     * A key whose master key is decrypted on first use by {@code secret}: see {@link #secretState()}.
     *
     * @param algorithms the algorithms when known before decrypting, else {@code null} (then
     *        {@link #algorithms()} tells them once decrypted)
     */
    public static Key deferred(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, DeferredSecret secret) {
        return new Key(id, creationDate, activationDate, expirationDate, false, algorithms, null,
                Objects.requireNonNull(secret, "secret"), null);
    }

    /**
     * A key that cannot be used, for instance because no configured certificate decrypts it.
     *
     * @param algorithms the algorithms when known, else {@code null}
     * @param reason why, for logs and health (e.g. the thumbprint of the certificate needed); no secrets
     */
    public static Key unusable(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, String reason) {
        return new Key(id, creationDate, activationDate, expirationDate, false, algorithms, null, null,
                Objects.requireNonNull(reason, "reason"));
    }

    /** This key, revoked (sharing its secret's state). */
    public Key revoke() {
        return revoked ? this
                : new Key(id, creationDate, activationDate, expirationDate, true, algorithms, encryptor, deferred,
                        unusableReason);
    }

    public UUID id() {
        return id;
    }

    public Instant creationDate() {
        return creationDate;
    }

    public Instant activationDate() {
        return activationDate;
    }

    public Instant expirationDate() {
        return expirationDate;
    }

    public boolean isRevoked() {
        return revoked;
    }

    /** ASP.NET's rule: a key is expired once {@code expirationDate <= now}. */
    public boolean isExpired(Instant now) {
        return !expirationDate.isAfter(now);
    }

    /**
     * The algorithms, or {@code null} when the key's descriptor could not be read, or has not been read yet (a key
     * decrypted on first use).
     */
    public AlgorithmConfiguration algorithms() {
        return algorithms != null || deferred == null ? algorithms : deferred.algorithms();
    }

    /**
     * Whether the key can protect and unprotect: its secret was decrypted, or it will be decrypted on first use (it
     * was never tried, or its last failure is old enough to try again). The key policy reads this.
     */
    public boolean canEncrypt() {
        return encryptor != null || deferred != null && deferred.mayDecrypt();
    }

    /** Where the key's master key stands: decrypted, not decrypted yet, or failed (see {@link #unusableReason()}). */
    public SecretState secretState() {
        if (encryptor != null) {
            return SecretState.DECRYPTED;
        }
        return deferred == null ? SecretState.FAILED : deferred.state();
    }

    /** Why the key cannot be used, when it cannot (or when its last decryption failed). */
    public Optional<String> unusableReason() {
        return deferred == null ? Optional.ofNullable(unusableReason) : deferred.failure();
    }

    /**
     * The encryptor made from this key's master key; for a key decrypted on first use, this call may decrypt it
     * (once: concurrent callers wait for that decryption).
     *
     * @throws IllegalStateException when the key is not usable
     * @throws KeyDecryptionException when the master key cannot be decrypted now (the reason is kept, and the
     *         decryption is tried again after a backoff)
     */
    public AuthenticatedEncryptor encryptor() {
        if (encryptor != null) {
            return encryptor;
        }
        if (deferred != null) {
            return deferred.encryptor();
        }
        throw new IllegalStateException("Key " + id + " cannot be used: " + unusableReason);
    }

    @Override
    public String toString() {
        AlgorithmConfiguration known = algorithms();
        String reason = unusableReason().orElse(null);
        return "Key[id=" + id + ", created=" + creationDate + ", activation=" + activationDate + ", expiration="
                + expirationDate + (revoked ? ", revoked" : "") + (known == null ? "" : ", " + known)
                + (deferred == null ? "" : ", " + secretState().name().toLowerCase(java.util.Locale.ROOT))
                + (reason == null ? "" : ", unusable: " + reason) + "]";
    }
}
