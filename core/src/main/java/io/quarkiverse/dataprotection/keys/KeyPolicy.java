package io.quarkiverse.dataprotection.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Which key is the default and when to create the next one: a pure function of {@code (now, keys)}, with ASP.NET
 * Core's rules ({@code DefaultKeyResolver}, {@code KeyRingProvider}). Nothing here reads a clock or a store.
 *
 * @param keyLifetime how long a new key protects (default 90 days, at least 7)
 * @param propagationWindow how long before the default key expires its successor is created (default 2 days)
 * @param maxClockSkew how far another instance's clock may be ahead (default 5 minutes)
 */
public record KeyPolicy(Duration keyLifetime, Duration propagationWindow, Duration maxClockSkew) {

    public static final Duration DEFAULT_KEY_LIFETIME = Duration.ofDays(90);
    public static final Duration MIN_KEY_LIFETIME = Duration.ofDays(7);
    public static final Duration DEFAULT_PROPAGATION_WINDOW = Duration.ofDays(2);
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public static final KeyPolicy DEFAULT = new KeyPolicy(DEFAULT_KEY_LIFETIME, DEFAULT_PROPAGATION_WINDOW,
            DEFAULT_MAX_CLOCK_SKEW);

    public KeyPolicy {
        Objects.requireNonNull(keyLifetime, "keyLifetime");
        Objects.requireNonNull(propagationWindow, "propagationWindow");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (keyLifetime.compareTo(MIN_KEY_LIFETIME) < 0) {
            throw new IllegalArgumentException("Invalid key lifetime " + keyLifetime + "; it must be at least "
                    + MIN_KEY_LIFETIME.toDays() + " days (ASP.NET Core's minimum)");
        }
        if (propagationWindow.isNegative() || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("The propagation window and the clock skew must not be negative");
        }
    }

    /** This policy with another key lifetime. */
    public KeyPolicy withKeyLifetime(Duration lifetime) {
        return new KeyPolicy(lifetime, propagationWindow, maxClockSkew);
    }

    /**
     * Resolves the default key at {@code now}.
     *
     * @param keys every key of the ring, revocations applied
     */
    public KeyResolution resolve(Instant now, Collection<Key> keys) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * The dates of the key to create after {@code resolution} asked for one.
     */
    public NewKeyDates newKeyDates(Instant now, KeyResolution resolution) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Dates for a new key.
     *
     * @param activationDate when it starts protecting
     * @param expirationDate when it stops protecting
     */
    public record NewKeyDates(Instant activationDate, Instant expirationDate) {
    }
}
