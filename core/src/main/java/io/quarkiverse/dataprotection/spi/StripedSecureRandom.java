package io.quarkiverse.dataprotection.spi;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link RandomSource#secure()}: a small array of {@code DRBG} {@link SecureRandom}s (NIST SP 800-90A Hash_DRBG,
 * 256-bit strength, each seeded from the operating system's entropy source when first used), so that concurrent
 * protects do not queue for one generator.
 * <p>
 * Why not one shared {@link SecureRandom}: on Linux its default, {@code NativePRNG}, serializes every call in the JVM
 * on one lock, even across instances (they share one reader of {@code /dev/urandom}); a second thread roughly halves
 * each thread's throughput. A {@code DRBG} instance locks only itself. Why stripes rather than one generator per
 * thread: a generator per virtual thread would draw a fresh seed from the system for every short-lived thread.
 * <p>
 * A caller takes the stripe its thread id hashes to, or the next free one ({@code tryLock}), and waits only when every
 * stripe is busy. Stripes are created on first use, never in a static initializer (a native image would freeze their
 * seeds). Where no {@code DRBG} is available (a restricted security provider set), a stripe falls back to
 * {@code new SecureRandom()}.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class StripedSecureRandom implements RandomSource {

    private static final int MAX_STRIPES = 64;

    private final Stripe[] stripes;
    private final int mask;

    /** @param stripeCount a power of two */
    StripedSecureRandom(int stripeCount) {
        if (Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("The stripe count must be a power of two, was " + stripeCount);
        }
        stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe(i);
        }
        mask = stripeCount - 1;
    }

    /** Two stripes per processor, rounded up to a power of two, at most {@value #MAX_STRIPES}. */
    static StripedSecureRandom forThisMachine() {
        int wanted = Math.min(MAX_STRIPES, 2 * Runtime.getRuntime().availableProcessors());
        return new StripedSecureRandom(Integer.highestOneBit(Math.max(1, wanted - 1)) << 1);
    }

    int stripeCount() {
        return stripes.length;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        int start = home(Thread.currentThread());
        for (int i = 0; i < stripes.length; i++) {
            Stripe stripe = stripes[(start + i) & mask];
            if (stripe.lock.tryLock()) {
                stripe.nextBytesLocked(bytes);
                return;
            }
        }
        Stripe home = stripes[start];
        home.lock.lock();
        home.nextBytesLocked(bytes);
    }

    private int home(Thread thread) {
        int h = (int) thread.getId() * 0x9E3779B9; // Fibonacci hashing spreads consecutive thread ids
        return (h ^ (h >>> 16)) & mask;
    }

    @Override
    public String toString() {
        return "RandomSource.secure()[" + stripes.length + " DRBG stripes]";
    }

    /** One generator and its lock; the generator is made by the first caller that holds the lock. */
    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        private final int index;
        private SecureRandom random;

        Stripe(int index) {
            this.index = index;
        }

        /** Fills {@code bytes}, then releases the lock the caller took. */
        void nextBytesLocked(byte[] bytes) {
            try {
                if (random == null) {
                    random = newGenerator(index);
                }
                random.nextBytes(bytes);
            } finally {
                lock.unlock();
            }
        }

        private static SecureRandom newGenerator(int index) {
            // The personalization string only tells the stripes apart; the seed comes from the system's entropy.
            byte[] personalization = ("quarkus-data-protection-" + index).getBytes(StandardCharsets.US_ASCII);
            try {
                return SecureRandom.getInstance("DRBG",
                        DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, personalization));
            } catch (NoSuchAlgorithmException | IllegalArgumentException unavailable) {
                return new SecureRandom();
            }
        }
    }
}
