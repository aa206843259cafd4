package io.quarkiverse.dataprotection.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * {@link KeyPolicy#resolve} against a second, deliberately plain implementation of the rules written here from the
 * text of spec §9 (with the fallback order as dotnet/aspnetcore {@code main}'s {@code DefaultKeyResolver} has it:
 * keys created after the cutoff only in the second group, the rejected candidate left out of the first). It shares
 * nothing with {@code KeyPolicy} but the {@link Key} type: loops instead of streams and comparators, and .NET
 * {@code Guid} order as the order of the lowercase canonical strings instead of {@code NetGuid.ORDER}.
 * <p>
 * The rings are drawn from a seeded {@link Random}: 0 to 6 keys with dates on the boundaries of the rules (now,
 * now ± skew, ± 1 ns, now - window, the successor deadline now + 24 h + window, another key's expiration and that plus
 * the skew), shared activation and creation dates, ids whose .NET and Java orders differ, revoked and undecryptable
 * keys. Run another seed with {@code -Dkeypolicy.seed=N}.
 */
class KeyPolicyDifferentialTest {

    private static final int RINGS = 150_000;
    private static final long DEFAULT_SEED = 20_241_105L;
    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final Duration REFRESH = Duration.ofHours(24);
    private static final Duration NS = Duration.ofNanos(1);

    private static final List<KeyPolicy> POLICIES = List.of(KeyPolicy.DEFAULT,
            new KeyPolicy(Duration.ofDays(30), Duration.ofHours(1), Duration.ZERO),
            new KeyPolicy(Duration.ofDays(7), Duration.ofSeconds(1), Duration.ofMinutes(5)));

    /** Pairs (1, 2) and (3, 4) are ordered one way by .NET and the other by {@link UUID#compareTo}. */
    private static final List<UUID> IDS = List.of(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            UUID.fromString("00000000-0000-0000-8000-000000000000"),
            UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"),
            UUID.fromString("80000000-0000-0000-0000-000000000000"),
            UUID.fromString("ffffffff-ffff-ffff-ffff-fffffffffffe"),
            UUID.fromString("c0ffee00-0000-4000-8000-000000000000"),
            UUID.fromString("12345678-9abc-4def-8123-456789abcdef"));

    @Test
    void keyPolicy_agreesWithPlainReimplementation_onGeneratedRings() {
        long seed = Long.getLong("keypolicy.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        Map<String, Integer> paths = new TreeMap<>();
        int guidDecided = 0;
        for (int ring = 0; ring < RINGS; ring++) {
            KeyPolicy policy = POLICIES.get(random.nextInt(POLICIES.size()));
            List<Key> keys = generateRing(random, policy);
            Reference reference = new Reference(policy, keys);
            Expected expected = reference.resolve(NOW);
            KeyResolution actual = policy.resolve(NOW, keys);
            if (actual.defaultKey() != expected.defaultKey || actual.fallbackKey() != expected.fallbackKey
                    || actual.shouldGenerateNewKey() != expected.generate
                    || actual.undecryptableKey() != expected.undecryptable) {
                fail("KeyPolicy disagrees with the reference; seed " + seed + " (-Dkeypolicy.seed=" + seed + "), ring "
                        + ring + ", " + policy + ", now " + NOW + "\n keys: " + keys + "\n expected: " + expected
                        + "\n actual:   " + actual);
            }
            if (expected.generate) {
                KeyPolicy.NewKeyDates dates = policy.newKeyDates(NOW, actual);
                Instant activation = expected.defaultKey == null ? NOW : expected.defaultKey.expirationDate();
                KeyPolicy.NewKeyDates wanted = new KeyPolicy.NewKeyDates(activation, NOW.plus(policy.keyLifetime()));
                if (!dates.equals(wanted)) {
                    fail("New key dates differ; seed " + seed + ", ring " + ring + ", keys " + keys + ": " + dates
                            + " instead of " + wanted);
                }
            }
            paths.merge(expected.path, 1, Integer::sum);
            guidDecided += reference.guidOrderDecided ? 1 : 0;
        }
        // The generator must keep reaching every branch of the rules, or agreeing proves little.
        assertThat(paths).as("paths taken (seed %d)", seed).containsOnlyKeys(Reference.PATHS)
                .allSatisfy((path, count) -> assertThat(count).as(path).isGreaterThan(RINGS / 1000));
        assertThat(guidDecided).as("activation ties where .NET and Java order differ").isGreaterThan(RINGS / 1000);
    }

    private static List<Key> generateRing(Random random, KeyPolicy policy) {
        int size = random.nextInt(7);
        List<UUID> ids = new ArrayList<>(IDS);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            UUID id = ids.remove(random.nextInt(ids.size()));
            Instant created = pick(random, policy, keys, true);
            Instant activation = random.nextInt(4) == 0 ? created : pick(random, policy, keys, false);
            Instant expiration = expiration(random, policy, keys, activation);
            Key key = random.nextInt(5) == 0
                    ? Key.unusable(id, created, activation, expiration, AlgorithmConfiguration.DEFAULT, "test: no decryptor")
                    : Key.usable(id, created, activation, expiration, AlgorithmConfiguration.DEFAULT, TestKeys.STUB);
            keys.add(random.nextInt(5) == 0 ? key.revoke() : key);
        }
        return keys;
    }

    /** A date on a boundary, or (sometimes) the creation or activation date of a key already drawn, for ties. */
    private static Instant pick(Random random, KeyPolicy policy, List<Key> keys, boolean creation) {
        if (!keys.isEmpty() && random.nextInt(4) == 0) {
            Key other = keys.get(random.nextInt(keys.size()));
            if (creation) {
                return other.creationDate();
            }
            // a successor of another key: activates at its expiration, within the skew of it, or just past that
            Instant skewed = other.expirationDate().plus(policy.maxClockSkew());
            Instant[] around = { other.activationDate(), other.expirationDate(), skewed, skewed.plus(NS) };
            return around[random.nextInt(around.length)];
        }
        List<Instant> boundaries = boundaries(policy);
        return boundaries.get(random.nextInt(boundaries.size()));
    }

    private static Instant expiration(Random random, KeyPolicy policy, List<Key> keys, Instant activation) {
        Instant deadline = NOW.plus(REFRESH).plus(policy.propagationWindow());
        switch (random.nextInt(7)) {
            case 0:
                return activation.plus(policy.keyLifetime());
            case 1:
            case 2: // around the deadline a successor must outlive
                Instant[] nearDeadline = { deadline.minus(NS), deadline, deadline.plus(NS) };
                return nearDeadline[random.nextInt(nearDeadline.length)];
            case 3:
                if (!keys.isEmpty()) {
                    Instant other = keys.get(random.nextInt(keys.size())).expirationDate();
                    return random.nextBoolean() ? other : other.plus(NS);
                }
                return activation.plusSeconds(3600);
            default:
                List<Instant> b = boundaries(policy);
                return b.get(random.nextInt(b.size()));
        }
    }

    private static final Map<KeyPolicy, List<Instant>> BOUNDARIES = new java.util.HashMap<>();

    private static List<Instant> boundaries(KeyPolicy policy) {
        return BOUNDARIES.computeIfAbsent(policy, KeyPolicyDifferentialTest::computeBoundaries);
    }

    private static List<Instant> computeBoundaries(KeyPolicy policy) {
        Duration skew = policy.maxClockSkew();
        Duration window = policy.propagationWindow();
        Instant deadline = NOW.plus(REFRESH).plus(window);
        List<Instant> b = new ArrayList<>();
        for (Instant base : new Instant[] { NOW, NOW.plus(skew), NOW.minus(skew), NOW.minus(window), deadline }) {
            b.add(base.minus(NS));
            b.add(base);
            b.add(base.plus(NS));
        }
        for (int days : new int[] { -120, -90, -45, -3, -1, 1, 2, 3, 45, 90 }) {
            b.add(NOW.plus(Duration.ofDays(days)));
        }
        b.add(NOW.plusSeconds(3600));
        b.add(NOW.minusSeconds(3600));
        return b;
    }

    /** What the rules say, and which of them decided. */
    private record Expected(Key defaultKey, Key fallbackKey, boolean generate, Key undecryptable, String path) {
        @Override
        public String toString() {
            return path + ": default=" + id(defaultKey) + ", fallback=" + id(fallbackKey) + ", generate=" + generate
                    + ", undecryptable=" + id(undecryptable);
        }

        private static String id(Key key) {
            return key == null ? "-" : key.id().toString();
        }
    }

    /** Spec §9, one rule per method, in loops. */
    private static final class Reference {

        static final String[] PATHS = { "no candidate", "candidate revoked", "candidate expired",
                "candidate undecryptable", "default, not near expiry", "default, successor found",
                "default, successor expires too soon", "default, no successor (expired)",
                "default, successor revoked", "default, successor expired", "default, successor undecryptable" };

        private final KeyPolicy policy;
        private final List<Key> keys;
        boolean guidOrderDecided;

        Reference(KeyPolicy policy, List<Key> keys) {
            this.policy = policy;
            this.keys = keys;
        }

        Expected resolve(Instant now) {
            Key candidate = candidate(now);
            String rejected = rejection(candidate, now);
            if (candidate == null || rejected != null) {
                Key undecryptable = "undecryptable".equals(rejected) ? candidate : null;
                return new Expected(null, fallback(now, candidate), true, undecryptable,
                        candidate == null ? "no candidate" : "candidate " + rejected);
            }
            Instant deadline = now.plus(REFRESH).plus(policy.propagationWindow());
            if (!candidate.expirationDate().isBefore(deadline)) {
                return new Expected(candidate, null, false, null, "default, not near expiry");
            }
            Instant at = candidate.expirationDate();
            Key next = candidate(at);
            String nextRejected = rejection(next, at);
            if (nextRejected == null) {
                boolean tooSoon = next.expirationDate().isBefore(deadline);
                return new Expected(candidate, null, tooSoon, null,
                        tooSoon ? "default, successor expires too soon" : "default, successor found");
            }
            // next is never null here: the default key itself activates by then
            Key undecryptable = "undecryptable".equals(nextRejected) ? next : null;
            String path = next == candidate ? "default, no successor (expired)" : "default, successor " + nextRejected;
            return new Expected(candidate, null, true, undecryptable, path);
        }

        /** The key activated last by {@code at} + skew; equal activations: the smaller id in .NET order. */
        private Key candidate(Instant at) {
            Instant limit = at.plus(policy.maxClockSkew());
            Key best = null;
            for (Key key : keys) {
                if (key.activationDate().compareTo(limit) > 0) {
                    continue;
                }
                if (best == null || key.activationDate().isAfter(best.activationDate())) {
                    best = key;
                } else if (key.activationDate().equals(best.activationDate())) {
                    boolean netSmaller = netCompare(key.id(), best.id()) < 0;
                    if (netSmaller != key.id().compareTo(best.id()) < 0) {
                        guidOrderDecided = true;
                    }
                    if (netSmaller) {
                        best = key;
                    }
                }
            }
            return best;
        }

        /** Why {@code key} cannot be the default at {@code at}, or {@code null} when it can. */
        private static String rejection(Key key, Instant at) {
            if (key == null) {
                return null;
            }
            if (key.isRevoked()) {
                return "revoked";
            }
            if (key.expirationDate().compareTo(at) <= 0) {
                return "expired";
            }
            return key.canEncrypt() ? null : "undecryptable";
        }

        /**
         * Newest-created usable key created by {@code now - window} other than the rejected candidate; else the
         * oldest-created usable key created after that. Equal dates: the first in the ring's order.
         */
        private Key fallback(Instant now, Key rejectedCandidate) {
            Instant cutoff = now.minus(policy.propagationWindow());
            Key newestOld = null;
            Key oldestRecent = null;
            for (Key key : keys) {
                if (key.isRevoked() || !key.canEncrypt()) {
                    continue;
                }
                boolean old = key.creationDate().compareTo(cutoff) <= 0;
                if (old && key != rejectedCandidate
                        && (newestOld == null || key.creationDate().isAfter(newestOld.creationDate()))) {
                    newestOld = key;
                } else if (!old && (oldestRecent == null || key.creationDate().isBefore(oldestRecent.creationDate()))) {
                    oldestRecent = key;
                }
            }
            return newestOld != null ? newestOld : oldestRecent;
        }

        private static int netCompare(UUID a, UUID b) {
            return a.toString().toLowerCase(Locale.ROOT).compareTo(b.toString().toLowerCase(Locale.ROOT));
        }
    }
}
