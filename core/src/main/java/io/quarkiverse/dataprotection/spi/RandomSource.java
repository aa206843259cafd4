package io.quarkiverse.dataprotection.spi;

import java.security.SecureRandom;

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
     * A new source backed by a new {@link SecureRandom}. Call it at run time, never from a static initializer: a
     * native image would freeze the seed.
     */
    static RandomSource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
