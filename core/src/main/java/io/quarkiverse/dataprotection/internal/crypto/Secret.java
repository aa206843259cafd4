package io.quarkiverse.dataprotection.internal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * Secret key material, such as a 512-bit master key.
 * <p>
 * The bytes are reached only through {@link #exposeSecretBytes()}, a name meant to be searched for in review.
 * {@link #toString()} never prints them. Instances are immutable (the bytes are copied in and out) and safe for
 * concurrent use.
 */
public final class Secret {

    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller may wipe its array afterwards. */
    public static Secret copyOf(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Secret(bytes.clone());
    }

    /** A new random secret of {@code lengthBytes} bytes from {@code random}. */
    public static Secret random(int lengthBytes, RandomSource random) {
        byte[] bytes = new byte[lengthBytes];
        random.nextBytes(bytes);
        return new Secret(bytes);
    }

    /** The length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** A copy of the secret bytes. Wipe it when done. */
    public byte[] exposeSecretBytes() {
        return bytes.clone();
    }

    /** Constant-time comparison. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes]";
    }

    /** Overwrites {@code array} with zeros; for callers wiping copies from {@link #exposeSecretBytes()}. */
    public static void wipe(byte[] array) {
        if (array != null) {
            Arrays.fill(array, (byte) 0);
        }
    }
}
