package io.quarkiverse.dataprotection.runtime.devui;

/**
 * One row of the Dev UI's key ring table: public facts about a key, never its secret. Dates are ISO-8601 instants.
 *
 * @param id the key id
 * @param created when the key was created
 * @param activation when it starts protecting
 * @param expiration when it stops protecting
 * @param revoked whether it is revoked
 * @param defaultKey whether new payloads are protected with it now
 * @param algorithms its algorithms, e.g. {@code AES_256_CBC+HMACSHA256}, or {@code unknown}
 * @param encryptedWith how its master key is protected at rest, e.g. {@code certificate 4A3F... (CN=keys)}
 * @param usable whether it can unprotect payloads (its secret was read and it is not revoked)
 * @param state {@code default}, {@code usable}, {@code not yet active}, {@code expired}, {@code revoked} or why
 *        it cannot be used
 */
public record KeyRow(String id, String created, String activation, String expiration, boolean revoked,
        boolean defaultKey, String algorithms, String encryptedWith, boolean usable, String state) {
}
