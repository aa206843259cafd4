package io.quarkiverse.dataprotection.spi;

/**
 * Where key modifiers, IVs, nonces and master keys come from. Production code uses {@link #secure()}; tests use a
 * deterministic source to reproduce ASP.NET's known-answer vectors.
 * <p>
 * Implementations must be safe for concurrent use.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /**
     * A new source for production use: a few {@code DRBG} {@link java.security.SecureRandom}s (SP 800-90A, 256-bit
     * strength), each seeded from the operating system's entropy source on first use, shared out so that concurrent
     * callers rarely wait for one another (one {@code SecureRandom} serializes every caller in the JVM). Call it at run
     * time, never from a static initializer: a native image would freeze the seeds.
     */
    static RandomSource secure() {
        return StripedSecureRandom.forThisMachine();
    }
}
