package io.quarkiverse.dataprotection.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which key is the default and when to create the next one: a pure function of {@code (now, keys)}, with the rules
 * of ASP.NET Core 8/9 ({@code DefaultKeyResolver.FindDefaultKey} and {@code KeyRingProvider.CreateCacheableKeyRingCore}).
 * Nothing here reads a clock or a store.
 * <p>
 * Default key at {@code now}, with {@code cutoff = now - propagationWindow}:
 * <ol>
 * <li>candidates are the keys with {@code activationDate <= now + maxClockSkew};</li>
 * <li>the preferred one is the most recently activated candidate created at or before {@code cutoff} (propagated
 * to every instance), else the <em>least</em> recently activated candidate created after it; ties go to the
 * smaller id in .NET {@code Guid} order;</li>
 * <li>it is the default unless it is revoked, expired ({@code expirationDate <= now}) or unusable. Then ASP.NET has
 * no second choice and creates a key; here the earliest-activated usable key created inside the window and already
 * active becomes the default first, if there is one (a deliberate difference, see {@code earliestRecentEligible}).</li>
 * </ol>
 * Fallback (only when there is no default): the first usable, unrevoked key among those created at or before
 * {@code cutoff}, newest first (the rejected preferred key excluded), then those created after it, oldest first.
 * It may be expired.
 * <p>
 * A new key is needed when there is no default key, or when the default key expires before
 * {@code minExpiration = now + }{@link #KEY_RING_REFRESH_PERIOD}{@code  + propagationWindow} and resolving the default
 * key at its expiration date yields no key, or one that itself expires before {@code minExpiration} — unless a
 * usable successor that activates by then and lasts past {@code minExpiration} exists, created inside the window or
 * not (one deliberate difference from ASP.NET, which would create a key at every refresh in that case).
 *
 * @param keyLifetime how long a new key protects (default 90 days, at least 7)
 * @param propagationWindow how long a new key takes to reach every instance (default 2 days)
 * @param maxClockSkew how far another instance's clock may be ahead (default 5 minutes)
 */
public record KeyPolicy(Duration keyLifetime, Duration propagationWindow, Duration maxClockSkew) {

    public static final Duration DEFAULT_KEY_LIFETIME = Duration.ofDays(90);
    public static final Duration MIN_KEY_LIFETIME = Duration.ofDays(7);
    public static final Duration DEFAULT_PROPAGATION_WINDOW = Duration.ofDays(2);
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /**
     * ASP.NET's key ring refresh period (fixed at 24 hours), which its key creation rule adds to the propagation
     * window so that the refresh before the window creates the successor. Used here for the same decision, so that
     * Java and .NET instances agree on when a successor is due.
     */
    public static final Duration KEY_RING_REFRESH_PERIOD = Duration.ofHours(24);

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
        if (propagationWindow.plus(KEY_RING_REFRESH_PERIOD).compareTo(keyLifetime) >= 0) {
            throw new IllegalArgumentException("Invalid propagation window " + propagationWindow
                    + "; with the 24 h refresh period it must be shorter than the key lifetime " + keyLifetime
                    + ", or successors would be created before they could expire after their predecessor");
        }
    }

    /** This policy with another key lifetime. */
    public KeyPolicy withKeyLifetime(Duration lifetime) {
        return new KeyPolicy(lifetime, propagationWindow, maxClockSkew);
    }

    /**
     * Resolves the default key at {@code now} and decides whether a new key is needed (see the class comment).
     *
     * @param keys every key of the ring, revocations applied; ties between fallback candidates keep this order
     */
    public KeyResolution resolve(Instant now, Collection<Key> keys) {
        Objects.requireNonNull(now, "now");
        List<Key> all = List.copyOf(keys);
        Key preferred = preferredKey(now, all);
        Key defaultKey = isEligible(preferred, now) ? preferred : earliestRecentEligible(now, all);
        if (defaultKey == null) {
            return new KeyResolution(null, fallbackKey(now, all, preferred), true, null);
        }
        Instant minExpiration = now.plus(KEY_RING_REFRESH_PERIOD).plus(propagationWindow);
        boolean generate = false;
        if (defaultKey.expirationDate().isBefore(minExpiration)) {
            Instant at = defaultKey.expirationDate();
            Key next = preferredKey(at, all);
            generate = (!isEligible(next, at) || next.expirationDate().isBefore(minExpiration))
                    && !hasSuccessor(defaultKey, minExpiration, all);
        }
        return new KeyResolution(defaultKey, null, generate, null);
    }

    /**
     * The dates of the key to create after {@code resolution} asked for one, as ASP.NET's {@code KeyRingProvider}:
     * with no default key the new key activates at once ({@code now}, {@code now + keyLifetime}); otherwise it
     * activates when the default key expires and, its lifetime being measured from its creation,
     * expires at {@code now + keyLifetime} (so it protects for less than {@code keyLifetime}).
     *
     * @throws IllegalArgumentException when {@code resolution} did not ask for a new key
     */
    public NewKeyDates newKeyDates(Instant now, KeyResolution resolution) {
        Objects.requireNonNull(now, "now");
        if (!resolution.shouldGenerateNewKey()) {
            throw new IllegalArgumentException("The key resolution did not ask for a new key; default key "
                    + resolution.defaultKey().id() + " is not due for a successor");
        }
        Instant expiration = now.plus(keyLifetime);
        Key defaultKey = resolution.defaultKey();
        return new NewKeyDates(defaultKey == null ? now : defaultKey.expirationDate(), expiration);
    }

    private Key preferredKey(Instant now, List<Key> keys) {
        Instant cutoff = now.minus(propagationWindow);
        Instant activationLimit = now.plus(maxClockSkew);
        Key best = null;
        for (boolean propagated : new boolean[] { true, false }) {
            Comparator<Key> byActivation = Comparator.comparing(Key::activationDate);
            Comparator<Key> order = (propagated ? byActivation.reversed() : byActivation)
                    .thenComparing(Key::id, NetGuid.ORDER);
            best = keys.stream()
                    .filter(k -> !k.activationDate().isAfter(activationLimit))
                    .filter(k -> propagated == !k.creationDate().isAfter(cutoff))
                    .min(order).orElse(null);
            if (best != null) {
                break;
            }
        }
        return best;
    }

    /**
     * Whether a usable, unrevoked key activates by the time {@code defaultKey} expires (within the clock skew) and
     * lasts past {@code minExpiration}. ASP.NET does not count a successor created within the propagation window
     * before the default key expires, and so creates another one at each of its daily refreshes until then; with
     * refreshes every few minutes that would be a key per refresh, so such a successor counts here.
     */
    private boolean hasSuccessor(Key defaultKey, Instant minExpiration, List<Key> keys) {
        Instant activationLimit = defaultKey.expirationDate().plus(maxClockSkew);
        return keys.stream().anyMatch(k -> k != defaultKey && !k.isRevoked() && k.canEncrypt()
                && !k.activationDate().isAfter(activationLimit) && !k.expirationDate().isBefore(minExpiration));
    }

    /**
     * When the propagated preferred key cannot be used: the earliest-activated usable key created within the
     * propagation window and already active (within the skew). ASP.NET has no second choice here and creates a new
     * key even when such a key (typically the successor created late, during an outage) exists; using it instead
     * avoids minting a key that is not needed.
     */
    private Key earliestRecentEligible(Instant now, List<Key> keys) {
        Instant cutoff = now.minus(propagationWindow);
        Instant activationLimit = now.plus(maxClockSkew);
        return keys.stream()
                .filter(k -> k.creationDate().isAfter(cutoff) && !k.activationDate().isAfter(activationLimit))
                .filter(k -> isEligible(k, now))
                .min(Comparator.comparing(Key::activationDate).thenComparing(Key::id, NetGuid.ORDER)).orElse(null);
    }

    private static boolean isEligible(Key key, Instant now) {
        return key != null && !key.isRevoked() && !key.isExpired(now) && key.canEncrypt();
    }

    private Key fallbackKey(Instant now, List<Key> keys, Key rejectedPreferred) {
        Instant cutoff = now.minus(propagationWindow);
        List<Key> propagated = new ArrayList<>();
        List<Key> recent = new ArrayList<>();
        for (Key k : keys) {
            if (k.isRevoked()) {
                continue;
            }
            if (k.creationDate().isAfter(cutoff)) {
                recent.add(k); // ASP.NET does not exclude the rejected preferred key from this group
            } else if (k != rejectedPreferred) {
                propagated.add(k);
            }
        }
        propagated.sort(Comparator.comparing(Key::creationDate).reversed()); // stable, like LINQ's OrderBy
        recent.sort(Comparator.comparing(Key::creationDate));
        propagated.addAll(recent);
        return propagated.stream().filter(Key::canEncrypt).findFirst().orElse(null);
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
