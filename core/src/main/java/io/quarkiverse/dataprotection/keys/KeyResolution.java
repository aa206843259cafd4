package io.quarkiverse.dataprotection.keys;

/**
 * The outcome of {@link KeyPolicy#resolve}. Immutable when its keys are (they are).
 *
 * @param defaultKey the key to protect with: the key activated last (within the clock skew), or {@code null} when that
 *        key is revoked, expired or cannot be decrypted, or there is no such key. Never an older key in its place
 * @param fallbackKey when there is no default key, a key that may protect if no new key can be created (ASP.NET's
 *        fallback: not revoked, decryptable, preferably created before the propagation window, possibly expired), or
 *        {@code null}; always {@code null} when there is a default key
 * @param shouldGenerateNewKey whether ASP.NET's rules ask for a new key now: there is no default key, or the default
 *        key expires before {@code now + 24 h + propagationWindow} and resolving as of its expiration date finds no
 *        key or one that expires before then
 * @param undecryptableKey when {@code shouldGenerateNewKey} is {@code true} because the key that would be the default
 *        key now, or the one the resolution as of the default key's expiration date finds (its successor), exists but
 *        cannot be decrypted (not revoked, not expired at that time, {@link Key#canEncrypt()} false), that key; else
 *        {@code null}. ASP.NET creates a key in that case; this library does not (a failure never mints a key): it
 *        retries the decryption instead. A revoked or expired candidate is a legitimate reason to create a key and
 *        leaves this {@code null}
 */
public record KeyResolution(Key defaultKey, Key fallbackKey, boolean shouldGenerateNewKey, Key undecryptableKey) {
}
