package io.quarkiverse.dataprotection.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Which key is the default and when to create the next one: a pure function of {@code (now, keys)}. Nothing here
 * reads a clock or a store.
 * <p>
 * The rules are those of current ASP.NET Core (dotnet/aspnetcore {@code main}, shipped in .NET 9 and 10), so that Java
 * and .NET instances sharing a key ring pick the same default key and agree on when a key is due:
 * <ol>
 * <li><b>Default key</b> ({@code KeyManagement/DefaultKeyResolver.cs}, {@code FindDefaultKey}): among the keys with
 * {@code activationDate <= now + maxClockSkew}, the one activated last; ties go to the smaller id in .NET {@code Guid}
 * order ({@code NetGuid.ORDER}, not {@link java.util.UUID#compareTo}). Whether that key has propagated is <em>not</em>
 * considered: the .NET 9 propagation preference (dotnet/aspnetcore#54309: newest propagated key, else oldest
 * unpropagated one) was reverted late in the .NET 9 cycle (dotnet/aspnetcore#57186, fixing issue #57137), and
 * .NET 8 never had it. That key is the default unless it is revoked, expired
 * ({@code expirationDate <= now}) or cannot be decrypted ({@link Key#canEncrypt()} is false); then there is no default
 * key, and the resolver does not move on to an older key.</li>
 * <li><b>Fallback key</b> (same method; only when there is no default key): the first key that is not revoked and can be
 * decrypted among, in this order, the keys created at or before {@code now - propagationWindow} except the rejected
 * candidate above, newest creation first, then the keys created after that, oldest creation first (the rejected
 * candidate not excluded there, as upstream). It may be expired. Equal creation dates keep the input order, as LINQ's
 * stable {@code OrderBy}.</li>
 * <li><b>Whether to create a key</b> ({@code KeyManagement/KeyRingProvider.cs}, {@code CreateCacheableKeyRingCore},
 * since dotnet/aspnetcore#54264 in .NET 9): always when there is no default key; otherwise when the default key
 * expires before {@code minExpiration = now + }{@link #KEY_RING_REFRESH_PERIOD}{@code  + propagationWindow} and
 * resolving the default key as above <em>as of its expiration date</em> ({@code now = defaultKey.expirationDate}, same
 * keys) finds no key, or one that expires before {@code minExpiration}. Nothing else counts as a successor (.NET 8's
 * older rule also counted keys activated before the default key, which never become the default once it expires).</li>
 * <li><b>New key dates</b> ({@code CreateCacheableKeyRingCore}): see {@link #newKeyDates}.</li>
 * </ol>
 * One deliberate difference, reported rather than decided here: when a key is asked for only because the key that would
 * be the default now, or the one the resolution as of the default key's expiration finds, exists but cannot be
 * decrypted, {@link KeyResolution#undecryptableKey()} names it. ASP.NET (after a few retries) creates a key then; the
 * key ring cache of this library does not, because a failure never mints a key. Revoked and expired candidates are
 * legitimate reasons to create one and leave it {@code null}.
 * <p>
 * Immutable and safe for concurrent use.
 *
 * @param keyLifetime how long a new key protects (default 90 days, at least 7)
 * @param propagationWindow how long a new key takes to reach every instance (default 2 days); used by the fallback
 *        order and the successor deadline, never by the choice of the default key
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

    /**
     * @throws InvalidSettingException naming the component that breaks a rule: a key lifetime under 7 days, a
     *         negative window or skew, or a window that with the 24-hour refresh allowance reaches the lifetime
     */
    public KeyPolicy {
        Objects.requireNonNull(keyLifetime, "keyLifetime");
        Objects.requireNonNull(propagationWindow, "propagationWindow");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (keyLifetime.compareTo(MIN_KEY_LIFETIME) < 0) {
            throw InvalidSettingException.invalid("keyLifetime", keyLifetime, "a key lifetime must be at least "
                    + MIN_KEY_LIFETIME.toDays() + " days (ASP.NET Core's minimum); set it to P7D or more");
        }
        if (propagationWindow.isNegative()) {
            throw InvalidSettingException.invalid("propagationWindow", propagationWindow, "it must not be negative; "
                    + "ASP.NET Core's value is P2D");
        }
        if (maxClockSkew.isNegative()) {
            throw InvalidSettingException.invalid("maxClockSkew", maxClockSkew, "it must not be negative; "
                    + "ASP.NET Core's value is PT5M");
        }
        if (propagationWindow.plus(KEY_RING_REFRESH_PERIOD).compareTo(keyLifetime) >= 0) {
            // Otherwise every successor would be due before it could outlive its predecessor.
            throw InvalidSettingException.invalid("propagationWindow", propagationWindow, "with the 24-hour refresh "
                    + "allowance it must be shorter than {keyLifetime} (" + keyLifetime + ")");
        }
    }

    /** This policy with another key lifetime. */
    public KeyPolicy withKeyLifetime(Duration lifetime) {
        return new KeyPolicy(lifetime, propagationWindow, maxClockSkew);
    }

    /**
     * Resolves the default key at {@code now} and decides whether a new key is needed (see the class comment).
     *
     * @param keys every key of the ring, revocations applied, in the store's order (which breaks ties between fallback
     *        candidates created at the same instant)
     */
    public KeyResolution resolve(Instant now, Collection<Key> keys) {
        Objects.requireNonNull(now, "now");
        List<Key> all = List.copyOf(keys);
        Key candidate = latestActivated(now, all);
        if (!isEligible(candidate, now)) {
            return new KeyResolution(null, fallbackKey(now, all, candidate), true, undecryptable(candidate, now));
        }
        Instant minExpiration = now.plus(KEY_RING_REFRESH_PERIOD).plus(propagationWindow);
        if (!candidate.expirationDate().isBefore(minExpiration)) {
            return new KeyResolution(candidate, null, false, null);
        }
        Instant at = candidate.expirationDate();
        Key next = latestActivated(at, all);
        if (isEligible(next, at)) {
            return new KeyResolution(candidate, null, next.expirationDate().isBefore(minExpiration), null);
        }
        return new KeyResolution(candidate, null, true, undecryptable(next, at));
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

    /** The candidate for default key at {@code at}: the latest activation within the clock skew, ties in .NET order. */
    private Key latestActivated(Instant at, List<Key> keys) {
        Instant activationLimit = at.plus(maxClockSkew);
        Comparator<Key> newestFirst = Comparator.comparing(Key::activationDate).reversed()
                .thenComparing(Key::id, NetGuid.ORDER);
        return keys.stream().filter(k -> !k.activationDate().isAfter(activationLimit)).min(newestFirst).orElse(null);
    }

    private static boolean isEligible(Key key, Instant at) {
        return key != null && !key.isRevoked() && !key.isExpired(at) && key.canEncrypt();
    }

    /** {@code candidate} when the only reason it was rejected at {@code at} is that its secret could not be read. */
    private static Key undecryptable(Key candidate, Instant at) {
        return candidate != null && !candidate.isRevoked() && !candidate.isExpired(at) && !candidate.canEncrypt()
                ? candidate
                : null;
    }

    private Key fallbackKey(Instant now, List<Key> keys, Key rejectedCandidate) {
        Instant cutoff = now.minus(propagationWindow);
        List<Key> propagated = new ArrayList<>();
        List<Key> recent = new ArrayList<>();
        for (Key k : keys) {
            if (k.isRevoked()) {
                continue;
            }
            if (k.creationDate().isAfter(cutoff)) {
                recent.add(k); // upstream excludes the rejected candidate from the first group only
            } else if (k != rejectedCandidate) {
                propagated.add(k);
            }
        }
        propagated.sort(Comparator.comparing(Key::creationDate).reversed()); // stable, like LINQ's OrderByDescending
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
