package io.quarkiverse.dataprotection.keys;

/**
 * The outcome of {@link KeyPolicy#resolve}.
 *
 * @param defaultKey the key to protect with, or {@code null} when none is usable
 * @param fallbackKey when there is no default key, a key that may protect if no new key can be created (ASP.NET's
 *        fallback: not revoked, usable, preferably older than the propagation window), or {@code null}
 * @param shouldGenerateNewKey whether a new key should be created now
 */
public record KeyResolution(Key defaultKey, Key fallbackKey, boolean shouldGenerateNewKey) {
}
