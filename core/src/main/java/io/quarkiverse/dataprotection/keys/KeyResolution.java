package io.quarkiverse.dataprotection.keys;

/**
 * The outcome of {@link KeyPolicy#resolve}.
 *
 * @param defaultKey the key to protect with, or {@code null} when the preferred key is revoked, expired or cannot be
 *        decrypted (or there is none)
 * @param fallbackKey when there is no default key, a key that may protect if no new key can be created (ASP.NET's
 *        fallback: not revoked, decryptable, preferably created before the propagation window, possibly expired), or
 *        {@code null}; always {@code null} when there is a default key
 * @param shouldGenerateNewKey whether ASP.NET's rules ask for a new key now
 * @param undecryptableKey when {@code shouldGenerateNewKey} is {@code true} only because the key that would be the
 *        default key (or its successor) exists but cannot be decrypted, that key; else {@code null}. ASP.NET creates a
 *        key in that case; this library does not (a failure never mints a key), it retries the decryption instead
 */
public record KeyResolution(Key defaultKey, Key fallbackKey, boolean shouldGenerateNewKey, Key undecryptableKey) {
}
