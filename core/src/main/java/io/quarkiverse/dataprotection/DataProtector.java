package io.quarkiverse.dataprotection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * Encrypts and authenticates data for one purpose chain, so that only a protector with the same application
 * name and the same purposes, sharing the same key ring, can unprotect it.
 * <p>
 * The payload format is ASP.NET Core Data Protection's: {@code 09 F0 C9 F0 || key id || encryptor output}. A
 * payload protected here unprotects in an ASP.NET Core application sharing the key ring, and the other way
 * round.
 * <p>
 * <p>
 * Errors: a {@code null} argument is a programming error and throws {@link NullPointerException} whose message is
 * the parameter's name; a non-null input that cannot be unprotected (malformed, truncated, tampered with, another
 * purpose, unknown or revoked key, not base64url) throws {@link DataProtectionException}, never anything else.
 * <p>
 * Thread-safety: implementations are immutable and safe for concurrent use by any number of threads.
 */
public interface DataProtector {

    /**
     * A protector whose purpose chain is this one's followed by {@code purpose}.
     *
     * @throws NullPointerException when {@code purpose} is null
     * @throws IllegalArgumentException when {@code purpose} is not valid UTF-16 (a lone surrogate)
     */
    DataProtector createProtector(String purpose);

    /**
     * Encrypts and authenticates {@code plaintext} under the key ring's current default key.
     *
     * @throws NullPointerException when {@code plaintext} is null
     * @throws DataProtectionException when the key ring has no usable default key
     */
    byte[] protect(byte[] plaintext);

    /**
     * Authenticates and decrypts {@code protectedData}.
     *
     * @throws NullPointerException when {@code protectedData} is null
     * @throws DataProtectionException when the payload is invalid, its key is unknown, or its key was revoked
     */
    byte[] unprotect(byte[] protectedData);

    /**
     * Unprotects data that may have been stored for a long time (a "persisted" payload).
     *
     * @param ignoreRevocationErrors when {@code true}, a payload under a revoked key is still unprotected and
     *        {@link UnprotectResult#wasRevoked()} says so; when {@code false}, revoked keys fail as in
     *        {@link #unprotect(byte[])}
     * @return the plaintext and whether the caller should re-protect it
     * @throws NullPointerException when {@code protectedData} is null
     * @throws DataProtectionException when the payload is invalid or its key is unknown (or revoked, unless
     *         ignored)
     */
    UnprotectResult unprotectPersisted(byte[] protectedData, boolean ignoreRevocationErrors);

    /** A view of this protector whose payloads carry an expiration, in ASP.NET Core's time-limited format. */
    TimeLimitedDataProtector toTimeLimited();

    /**
     * A view of this protector for time-limited payloads, reading "now" from {@code clock}.
     *
     * @throws NullPointerException when {@code clock} is null
     */
    TimeLimitedDataProtector toTimeLimited(Clock clock);

    /**
     * Protects the UTF-8 bytes of {@code plaintext} and returns base64url without padding, as ASP.NET does.
     *
     * @throws NullPointerException when {@code plaintext} is null
     * @throws DataProtectionException when the key ring has no usable default key
     */
    default String protect(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        return Base64Url.encode(protect(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reverses {@link #protect(String)}.
     *
     * @throws NullPointerException when {@code protectedText} is null
     * @throws DataProtectionException when the text is not base64url or the payload is invalid
     */
    default String unprotect(String protectedText) {
        Objects.requireNonNull(protectedText, "protectedText");
        return new String(unprotect(Base64Url.decode(protectedText)), StandardCharsets.UTF_8);
    }
}
