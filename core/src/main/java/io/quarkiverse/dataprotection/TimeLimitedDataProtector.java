package io.quarkiverse.dataprotection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A protector whose payloads carry their expiration, in ASP.NET Core's {@code TimeLimitedDataProtector} format:
 * the inner protector has the extra purpose {@value #PURPOSE} and its plaintext is the expiration as .NET UTC
 * ticks (uint64 big-endian) followed by the data.
 * <p>
 * <p>
 * Errors, as for {@link DataProtector}: a {@code null} argument throws {@link NullPointerException} whose message is
 * the parameter's name; a non-null payload that cannot be unprotected throws {@link DataProtectionException}
 * ({@link ExpiredPayloadException} once it has expired), never anything else.
 * <p>
 * Thread-safety: immutable and safe for concurrent use.
 */
public interface TimeLimitedDataProtector {

    /** The purpose ASP.NET Core appends to the chain of a time-limited protector. */
    String PURPOSE = "Microsoft.AspNetCore.DataProtection.TimeLimitedDataProtector.v1";

    /**
     * A time-limited protector for this one's purpose chain followed by {@code purpose}.
     *
     * @throws NullPointerException when {@code purpose} is null
     * @throws IllegalArgumentException when {@code purpose} is not valid UTF-16 (a lone surrogate)
     */
    TimeLimitedDataProtector createProtector(String purpose);

    /**
     * Protects {@code plaintext} so that it cannot be unprotected after {@code expiration}.
     *
     * @throws NullPointerException when {@code plaintext} or {@code expiration} is null
     * @throws IllegalArgumentException when {@code expiration} is outside .NET's range (years 1 to 9999)
     * @throws DataProtectionException when the key ring has no usable default key
     */
    byte[] protect(byte[] plaintext, Instant expiration);

    /**
     * Protects {@code plaintext} so that it cannot be unprotected once {@code lifetime} has passed.
     *
     * @throws NullPointerException when {@code plaintext} or {@code lifetime} is null
     * @throws IllegalArgumentException when now plus {@code lifetime} is outside .NET's range (years 1 to 9999)
     * @throws DataProtectionException when the key ring has no usable default key
     */
    byte[] protect(byte[] plaintext, Duration lifetime);

    /**
     * Protects {@code plaintext} with no expiration (.NET's {@code DateTimeOffset.MaxValue}).
     *
     * @throws NullPointerException when {@code plaintext} is null
     * @throws DataProtectionException when the key ring has no usable default key
     */
    byte[] protect(byte[] plaintext);

    /**
     * Unprotects a time-limited payload.
     *
     * @throws NullPointerException when {@code protectedData} is null
     * @throws DataProtectionException when the payload is invalid, or {@link ExpiredPayloadException} when it has
     *         expired
     */
    Payload<byte[]> unprotect(byte[] protectedData);

    /**
     * As {@link #protect(byte[], Instant)} for UTF-8 text, returning base64url.
     *
     * @throws NullPointerException when {@code plaintext} or {@code expiration} is null
     */
    default String protect(String plaintext, Instant expiration) {
        Objects.requireNonNull(plaintext, "plaintext");
        return Base64Url.encode(protect(plaintext.getBytes(StandardCharsets.UTF_8), expiration));
    }

    /**
     * As {@link #protect(byte[], Duration)} for UTF-8 text, returning base64url.
     *
     * @throws NullPointerException when {@code plaintext} or {@code lifetime} is null
     */
    default String protect(String plaintext, Duration lifetime) {
        Objects.requireNonNull(plaintext, "plaintext");
        return Base64Url.encode(protect(plaintext.getBytes(StandardCharsets.UTF_8), lifetime));
    }

    /**
     * Reverses the string forms of {@code protect}.
     *
     * @throws NullPointerException when {@code protectedText} is null
     * @throws DataProtectionException when the text is not base64url or the payload is invalid or expired
     */
    default Payload<String> unprotect(String protectedText) {
        Objects.requireNonNull(protectedText, "protectedText");
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
