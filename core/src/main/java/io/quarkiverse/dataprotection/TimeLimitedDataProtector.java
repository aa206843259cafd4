package io.quarkiverse.dataprotection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A protector whose payloads carry their expiration, in ASP.NET Core's {@code TimeLimitedDataProtector} format:
 * the inner protector has the extra purpose {@value #PURPOSE} and its plaintext is the expiration as .NET UTC
 * ticks (uint64 big-endian) followed by the data.
 * <p>
 * Thread-safety: immutable and safe for concurrent use.
 */
public interface TimeLimitedDataProtector {

    /** The purpose ASP.NET Core appends to the chain of a time-limited protector. */
    String PURPOSE = "Microsoft.AspNetCore.DataProtection.TimeLimitedDataProtector.v1";

    /** A time-limited protector for this one's purpose chain followed by {@code purpose}. */
    TimeLimitedDataProtector createProtector(String purpose);

    /** Protects {@code plaintext} so that it cannot be unprotected after {@code expiration}. */
    byte[] protect(byte[] plaintext, Instant expiration);

    /** Protects {@code plaintext} so that it cannot be unprotected once {@code lifetime} has passed. */
    byte[] protect(byte[] plaintext, Duration lifetime);

    /** Protects {@code plaintext} with no expiration (.NET's {@code DateTimeOffset.MaxValue}). */
    byte[] protect(byte[] plaintext);

    /**
     * Unprotects a time-limited payload.
     *
     * @throws DataProtectionException when the payload is invalid or has expired
     */
    Payload<byte[]> unprotect(byte[] protectedData);

    /** As {@link #protect(byte[], Instant)} for UTF-8 text, returning base64url. */
    default String protect(String plaintext, Instant expiration) {
        return Base64Url.encode(protect(plaintext.getBytes(StandardCharsets.UTF_8), expiration));
    }

    /** As {@link #protect(byte[], Duration)} for UTF-8 text, returning base64url. */
    default String protect(String plaintext, Duration lifetime) {
        return Base64Url.encode(protect(plaintext.getBytes(StandardCharsets.UTF_8), lifetime));
    }

    /** Reverses the string forms of {@code protect}. */
    default Payload<String> unprotect(String protectedText) {
        Payload<byte[]> bytes = unprotect(Base64Url.decode(protectedText));
        return new Payload<>(new String(bytes.data(), StandardCharsets.UTF_8), bytes.expiration());
    }

    /**
     * Unprotected data with the expiration it was protected with.
     *
     * @param data the plaintext
     * @param expiration when the payload stops being valid
     */
    record Payload<T>(T data, Instant expiration) {

        @Override
        public String toString() {
            return "Payload[expiration=" + expiration + "]";
        }
    }
}
