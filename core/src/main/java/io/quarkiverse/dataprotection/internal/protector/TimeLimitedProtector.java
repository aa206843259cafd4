package io.quarkiverse.dataprotection.internal.protector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionListener;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.ExpiredPayloadException;
import io.quarkiverse.dataprotection.TimeLimitedDataProtector;

/**
 * ASP.NET Core's {@code TimeLimitedDataProtector}: the inner protector has {@value TimeLimitedDataProtector#PURPOSE}
 * appended to the chain, and its plaintext is
 *
 * <pre>
 * expiration (.NET UTC ticks: 100 ns units since 0001-01-01T00:00Z, uint64 big-endian, 8 bytes) || data
 * </pre>
 *
 * Thread-safety: immutable; safe for concurrent use.
 */
final class TimeLimitedProtector implements TimeLimitedDataProtector {

    /** .NET ticks at the Unix epoch. */
    private static final long EPOCH_TICKS = 621_355_968_000_000_000L;
    /** .NET {@code DateTimeOffset.MaxValue.UtcTicks}: 9999-12-31T23:59:59.9999999Z, "no expiration". */
    private static final long MAX_TICKS = 3_155_378_975_999_999_999L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private final DataProtector base;
    private final DataProtector inner;
    private final Clock clock;
    private final DataProtectionListener listener;

    TimeLimitedProtector(DataProtector base, Clock clock, DataProtectionListener listener) {
        this.base = base;
        this.listener = listener;
        this.inner = base.createProtector(PURPOSE);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TimeLimitedDataProtector createProtector(String purpose) {
        return new TimeLimitedProtector(base.createProtector(Objects.requireNonNull(purpose, "purpose")), clock, listener);
    }

    @Override
    public byte[] protect(byte[] plaintext, Instant expiration) {
        Objects.requireNonNull(plaintext, "plaintext");
        return protect(plaintext, toTicks(Objects.requireNonNull(expiration, "expiration")));
    }

    @Override
    public byte[] protect(byte[] plaintext, Duration lifetime) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(lifetime, "lifetime");
        Instant expiration;
        try {
            expiration = clock.instant().plus(lifetime);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("Invalid lifetime " + lifetime + ": now plus the lifetime must lie"
                    + " between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.9999999Z (.NET's range)");
        }
        return protect(plaintext, expiration);
    }

    @Override
    public byte[] protect(byte[] plaintext) {
        return protect(plaintext, MAX_TICKS);
    }

    private byte[] protect(byte[] plaintext, long expirationTicks) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] withHeader = new byte[8 + plaintext.length];
        for (int i = 0; i < 8; i++) {
            withHeader[i] = (byte) (expirationTicks >>> (56 - 8 * i));
        }
        System.arraycopy(plaintext, 0, withHeader, 8, plaintext.length);
        return inner.protect(withHeader);
    }

    @Override
    public Payload<byte[]> unprotect(byte[] protectedData) {
        byte[] withHeader = inner.unprotect(Objects.requireNonNull(protectedData, "protectedData"));
        if (withHeader.length < 8) {
            throw DataProtectionException.invalidPayload();
        }
        long ticks = 0;
        for (int i = 0; i < 8; i++) {
            ticks = (ticks << 8) | (withHeader[i] & 0xFF);
        }
        if (ticks < 0 || ticks > MAX_TICKS) {
            throw DataProtectionException.invalidPayload();
        }
        Instant expiration = fromTicks(ticks);
        if (clock.instant().isAfter(expiration)) {
            listener.onFailure(DataProtectionListener.Failure.EXPIRED);
            throw new ExpiredPayloadException(expiration);
        }
        byte[] data = new byte[withHeader.length - 8];
        System.arraycopy(withHeader, 8, data, 0, data.length);
        return new Payload<>(data, expiration);
    }

    static long toTicks(Instant instant) {
        long seconds = instant.getEpochSecond();
        long maxSeconds = (MAX_TICKS - EPOCH_TICKS) / TICKS_PER_SECOND;
        long minSeconds = -EPOCH_TICKS / TICKS_PER_SECOND;
        if (seconds > maxSeconds || seconds < minSeconds) {
            throw new IllegalArgumentException("Invalid expiration " + instant
                    + "; it must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.9999999Z (.NET's range)");
        }
        return EPOCH_TICKS + seconds * TICKS_PER_SECOND + instant.getNano() / 100;
    }

    static Instant fromTicks(long ticks) {
        long sinceEpoch = ticks - EPOCH_TICKS;
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, TICKS_PER_SECOND),
                Math.floorMod(sinceEpoch, TICKS_PER_SECOND) * 100);
    }

    @Override
    public String toString() {
        return "TimeLimited" + base;
    }
}
