package io.quarkiverse.dataprotection.keys;

/**
 * The outcome of {@link KeyPolicy#resolve}.
 *
 * @param defaultKey the key to protect with, or {@code null} when the preferred key is revoked, expired or unusable
 *        (or there is none)
 * @param fallbackKey when there is no default key, a key that may protect if no new key can be created (ASP.NET's
 *        fallback: not revoked, usable, preferably created before the propagation window, possibly expired), or
 *        {@code null}; always {@code null} when there is a default key
 * @param shouldGenerateNewKey whether a new key should be created now: there is no default key, or it expires
 *        within the refresh period plus the propagation window without a propagated successor
 */
public record KeyResolution(Key defaultKey, Key fallbackKey, boolean shouldGenerateNewKey) {
}
