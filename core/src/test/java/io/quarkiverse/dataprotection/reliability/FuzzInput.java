package io.quarkiverse.dataprotection.reliability;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a fuzzer's bytes front to back as a recipe: small unsigned numbers, choices and byte strings, zeros once
 * the input is used up. Unlike Jazzer's {@code FuzzedDataProvider}, which takes numbers from the end, a recipe reads
 * in the order it is written, so a seed file can be written by hand (or by {@link Recipe}) and means what it says.
 * <p>
 * Not thread-safe; one per input.
 */
final class FuzzInput {

    private final byte[] data;
    private int position;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    /** 0..255. */
    int u8() {
        return position < data.length ? data[position++] & 0xFF : 0;
    }

    /** 0..65535, big-endian. */
    int u16() {
        return u8() << 8 | u8();
    }

    /** 0..16777215, big-endian. */
    int u24() {
        return u8() << 16 | u16();
    }

    long u64() {
        return (long) u16() << 48 | (long) u24() << 24 | u24();
    }

    /**
     * One byte read as a size: 0..127 as it is, 128..191 in steps of 64 (to 4,096), 192..255 in steps of
     * {@code bigStep} (to {@code 64 * bigStep}), so that most sizes are small and a few are very large.
     */
    int scaled(int bigStep) {
        int b = u8();
        return b < 128 ? b : b < 192 ? (b - 127) * 64 : (b - 191) * bigStep;
    }

    boolean bit() {
        return (u8() & 1) != 0;
    }

    /** One of {@code options}, by the next byte modulo their number. */
    <T> T choose(List<T> options) {
        return options.get(u8() % options.size());
    }

    /** The next {@code u8()} bytes (fewer at the end of the input). */
    byte[] shortBytes() {
        return bytes(u8());
    }

    byte[] bytes(int length) {
        int n = Math.min(length, data.length - position);
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** Everything not read yet. */
    byte[] rest() {
        return bytes(data.length - position);
    }

    /** A writer of recipes in the format the readers above read, for seed files and tests. */
    static final class Recipe {

        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Recipe u8(int value) {
            out.write(value);
            return this;
        }

        Recipe u16(int value) {
            return u8(value >>> 8).u8(value);
        }

        Recipe u24(int value) {
            return u8(value >>> 16).u16(value);
        }

        Recipe u64(long value) {
            return u16((int) (value >>> 48)).u24((int) (value >>> 24)).u24((int) value);
        }

        Recipe bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        /** The byte that {@link FuzzInput#scaled} reads as {@code value}, which must be one it can produce. */
        Recipe scaled(int value, int bigStep) {
            if (value < 128) {
                return u8(value);
            }
            if (value <= 64 * 64 && value % 64 == 0) {
                return u8(127 + value / 64);
            }
            if (value % bigStep != 0 || value / bigStep > 64) {
                throw new IllegalArgumentException("Invalid scaled value " + value + " for step " + bigStep);
            }
            return u8(191 + value / bigStep);
        }

        Recipe shortBytes(byte[] bytes) {
            return u8(bytes.length).bytes(bytes);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
