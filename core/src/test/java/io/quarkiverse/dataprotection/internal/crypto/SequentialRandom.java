package io.quarkiverse.dataprotection.internal.crypto;

import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * ASP.NET's {@code SequentialGenRandom}: every requested byte is a single byte counter that starts at 0, wraps at
 * 256 and continues across calls.
 */
final class SequentialRandom implements RandomSource {

    private byte next;

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = next++;
        }
    }
}
