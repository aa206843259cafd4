package io.quarkiverse.dataprotection;

/**
 * The outcome of {@link DataProtector#unprotectPersisted(byte[], boolean)}.
 *
 * @param plaintext the unprotected data
 * @param requiresMigration {@code true} when the payload's key is not the key ring's current default key (or
 *        was revoked): the caller should protect the data again and store the new payload
 * @param wasRevoked {@code true} when the payload's key has been revoked
 */
public record UnprotectResult(byte[] plaintext, boolean requiresMigration, boolean wasRevoked) {

    @Override
    public String toString() {
        return "UnprotectResult[plaintext=<" + plaintext.length + " bytes>, requiresMigration=" + requiresMigration
                + ", wasRevoked=" + wasRevoked + "]";
    }
}
