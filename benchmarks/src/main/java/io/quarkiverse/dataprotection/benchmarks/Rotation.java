package io.quarkiverse.dataprotection.benchmarks;

import java.security.SecureRandom;

/**
 * Every benchmark cycles through {@link #COUNT} keys and payloads: the JDK skips the AES key schedule when a
 * cipher is re-initialized with the key it already holds, so a single fixed key would flatter the raw JCA numbers.
 * <p>
 * Thread-safety: none; each benchmark thread owns its state.
 */
final class Rotation {

    /** Keys and payloads per benchmark; a power of two. */
    static final int COUNT = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private int next;

    /** The next index in 0..{@link #COUNT}-1. */
    int next() {
        return next++ & (COUNT - 1);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
