package io.quarkiverse.dataprotection.internal.keyring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.quarkiverse.dataprotection.internal.xml.KeyElement;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.KeyDecryptionException;
import io.quarkiverse.dataprotection.spi.KeyDecryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * The master key of one stored key element (by its exact text), decrypted on first use and then kept: the unit of
 * {@link KeyRingReader}'s lazy decryption. With certificate encryption a decryption is an RSA private-key operation
 * (about 1 ms), with a remote key service a network call, so a ring of a thousand keys decrypts only the few it uses.
 * <p>
 * One decryption at a time: concurrent callers wait for it (a {@link ReentrantLock}, so a waiting virtual thread does
 * not pin its carrier) and share its outcome. A failure is kept with its reason and the time of the next attempt,
 * 1 s after the first failure, doubling up to 1 minute; until then every caller gets the failure at once, without
 * calling a decryptor. The element is parsed again for the decryption, so no DOM tree is kept per key.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class DeferredKeySecret implements Key.DeferredSecret {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    /** What a decryption reports to the reader that made this secret. */
    interface Outcome {
        /** {@code key} was decrypted ({@code failedBefore}: after that many failed attempts). */
        void decrypted(DecryptedKey key, int failedBefore);

        /** A decryption of key {@code id} failed for {@code reason}. */
        void failed(UUID id, String reason);
    }

    private final UUID id;
    private final String xml;
    private final List<KeyDecryptor> decryptors;
    private final RandomSource random;
    private final Clock clock;
    private final Outcome outcome;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile DecryptedKey decrypted;
    private volatile Failure failure;

    DeferredKeySecret(UUID id, String xml, List<KeyDecryptor> decryptors, RandomSource random, Clock clock,
            Outcome outcome) {
        this.id = id;
        this.xml = xml;
        this.decryptors = decryptors;
        this.random = random;
        this.clock = clock;
        this.outcome = outcome;
    }

    /** A secret already decrypted: the key this instance just created from {@code xml}. */
    static DeferredKeySecret decrypted(DecryptedKey key, String xml, List<KeyDecryptor> decryptors, RandomSource random,
            Clock clock, Outcome outcome) {
        DeferredKeySecret secret = new DeferredKeySecret(key.key().id(), xml, decryptors, random, clock, outcome);
        secret.decrypted = key;
        return secret;
    }

    @Override
    public Key.SecretState state() {
        if (decrypted != null) {
            return Key.SecretState.DECRYPTED;
        }
        return failure == null ? Key.SecretState.ENCRYPTED : Key.SecretState.FAILED;
    }

    @Override
    public boolean mayDecrypt() {
        Failure f = failure;
        return decrypted != null || f == null || !clock.instant().isBefore(f.nextAttempt());
    }

    @Override
    public Optional<String> failure() {
        Failure f = failure;
        return decrypted != null || f == null ? Optional.empty() : Optional.of(f.reason());
    }

    @Override
    public AlgorithmConfiguration algorithms() {
        DecryptedKey d = decrypted;
        return d == null ? null : d.key().algorithms();
    }

    @Override
    public AuthenticatedEncryptor encryptor() {
        return decrypt().key().encryptor();
    }

    /** When the next attempt after a failure is due, or {@code null} when none failed (or it is decrypted). */
    Instant nextAttempt() {
        Failure f = failure;
        return decrypted != null || f == null ? null : f.nextAttempt();
    }

    /** The decrypted key if it was decrypted already; never decrypts. */
    DecryptedKey decryptedOrNull() {
        return decrypted;
    }

    /**
     * The decrypted key, decrypting it now if needed.
     *
     * @throws KeyDecryptionException when it cannot be decrypted (now, or the last failure's backoff is not over)
     */
    DecryptedKey decrypt() {
        DecryptedKey d = decrypted;
        if (d != null) {
            return d;
        }
        lock.lock();
        try {
            d = decrypted;
            if (d != null) {
                return d; // decrypted by the caller this one waited for
            }
            Instant now = clock.instant();
            Failure previous = failure;
            if (previous != null && now.isBefore(previous.nextAttempt())) {
                throw unusable(previous.reason());
            }
            return attempt(previous);
        } finally {
            lock.unlock();
        }
    }

    private DecryptedKey attempt(Failure previous) {
        try {
            KeyElement element = (KeyElement) KeyXml.parse(xml);
            DecryptedKey key = DecryptedKey.of(element, KeyXml.readDescriptor(element, decryptors), random);
            decrypted = key;
            failure = null;
            outcome.decrypted(key, previous == null ? 0 : previous.attempts());
            return key;
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            String reason = Failures.describe(e);
            int attempts = previous == null ? 1 : previous.attempts() + 1;
            // The backoff counts from the failure, not from the attempt: a decryption that took longer than the
            // backoff (a slow key service) must not read as retryable the moment it failed, or the resolver that
            // asked for it would take the key that just failed for a usable default key.
            failure = new Failure(reason, attempts, clock.instant().plus(backoff(attempts)));
            outcome.failed(id, reason);
            throw unusable(reason);
        }
    }

    private KeyDecryptionException unusable(String reason) {
        return new KeyDecryptionException("Key " + id + " cannot be decrypted (tried again later): " + reason);
    }

    private static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 16));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    @Override
    public String toString() {
        return "DeferredKeySecret[" + id + ", " + state() + "]";
    }

    /** A failed decryption and when to try again. */
    private record Failure(String reason, int attempts, Instant nextAttempt) {
    }
}
