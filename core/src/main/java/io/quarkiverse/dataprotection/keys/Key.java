package io.quarkiverse.dataprotection.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;

/**
 * One key of the key ring: its id, dates, revocation state and algorithms, and (when its secret could be read)
 * the encryptor made from its master key. The master key itself is not reachable from here.
 * <p>
 * A key whose secret could not be decrypted stays in the ring (so it is reported, and never deleted or
 * overwritten) but can neither protect nor unprotect, and never becomes the default key.
 * <p>
 * Immutable and safe for concurrent use.
 */
public final class Key {

    private final UUID id;
    private final Instant creationDate;
    private final Instant activationDate;
    private final Instant expirationDate;
    private final boolean revoked;
    private final AlgorithmConfiguration algorithms;
    private final AuthenticatedEncryptor encryptor;
    private final String unusableReason;

    private Key(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate, boolean revoked,
            AlgorithmConfiguration algorithms, AuthenticatedEncryptor encryptor, String unusableReason) {
        this.id = Objects.requireNonNull(id, "id");
        this.creationDate = Objects.requireNonNull(creationDate, "creationDate");
        this.activationDate = Objects.requireNonNull(activationDate, "activationDate");
        this.expirationDate = Objects.requireNonNull(expirationDate, "expirationDate");
        this.revoked = revoked;
        this.algorithms = algorithms;
        this.encryptor = encryptor;
        this.unusableReason = unusableReason;
    }

    /** A key whose master key was read and turned into {@code encryptor}. */
    public static Key usable(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, AuthenticatedEncryptor encryptor) {
        return new Key(id, creationDate, activationDate, expirationDate, false, Objects.requireNonNull(algorithms),
                Objects.requireNonNull(encryptor, "encryptor"), null);
    }

    /**
     * A key that cannot be used, for instance because no configured certificate decrypts it.
     *
     * @param algorithms the algorithms when known, else {@code null}
     * @param reason why, for logs and health (e.g. the thumbprint of the certificate needed); no secrets
     */
    public static Key unusable(UUID id, Instant creationDate, Instant activationDate, Instant expirationDate,
            AlgorithmConfiguration algorithms, String reason) {
        return new Key(id, creationDate, activationDate, expirationDate, false, algorithms, null,
                Objects.requireNonNull(reason, "reason"));
    }

    /** This key, revoked. */
    public Key revoke() {
        return revoked ? this
                : new Key(id, creationDate, activationDate, expirationDate, true, algorithms, encryptor, unusableReason);
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

    /** The algorithms, or {@code null} when the key's descriptor could not be read. */
    public AlgorithmConfiguration algorithms() {
        return algorithms;
    }

    /** Whether the key's secret was read, so it can protect and unprotect. */
    public boolean canEncrypt() {
        return encryptor != null;
    }

    /** Why the key cannot be used, when it cannot. */
    public Optional<String> unusableReason() {
        return Optional.ofNullable(unusableReason);
    }

    /**
     * The encryptor made from this key's master key.
     *
     * @throws IllegalStateException when the key is not usable
     */
    public AuthenticatedEncryptor encryptor() {
        if (encryptor == null) {
            throw new IllegalStateException("Key " + id + " cannot be used: " + unusableReason);
        }
        return encryptor;
    }

    @Override
    public String toString() {
        return "Key[id=" + id + ", created=" + creationDate + ", activation=" + activationDate + ", expiration="
                + expirationDate + (revoked ? ", revoked" : "") + (algorithms == null ? "" : ", " + algorithms)
                + (unusableReason == null ? "" : ", unusable: " + unusableReason) + "]";
    }
}
