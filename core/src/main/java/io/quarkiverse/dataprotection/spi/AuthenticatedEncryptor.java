package io.quarkiverse.dataprotection.spi;

/**
 * Encrypts and authenticates with one master key and one algorithm pair, in ASP.NET Core's formats:
 *
 * <pre>
 * CBC + HMAC: keyModifier (16) || IV (16) || AES-CBC-PKCS7(K_E, IV, plaintext) || HMAC(K_H, IV || ciphertext)
 * GCM:        keyModifier (16) || nonce (12) || AES-GCM ciphertext || tag (16)
 * </pre>
 *
 * where the subkeys are derived from the master key with SP800-108 CTR HMAC-SHA512, label = {@code aad},
 * context = context header || keyModifier.
 * <p>
 * Thread-safety: implementations are safe for concurrent use.
 */
public interface AuthenticatedEncryptor {

    /**
     * Encrypts {@code plaintext}, leaving {@code preBufferSize} zero bytes before the output and
     * {@code postBufferSize} after it, so a caller can add a header without copying.
     *
     * @param aad additional authenticated data: bound to the output, not contained in it
     */
    byte[] encrypt(byte[] plaintext, byte[] aad, int preBufferSize, int postBufferSize);

    /** {@link #encrypt(byte[], byte[], int, int)} with no extra room. */
    default byte[] encrypt(byte[] plaintext, byte[] aad) {
        return encrypt(plaintext, aad, 0, 0);
    }

    /**
     * Authenticates (in constant time) and then decrypts {@code length} bytes of {@code ciphertext} from
     * {@code offset}.
     *
     * @throws io.quarkiverse.dataprotection.DataProtectionException with the generic message on any failure
     */
    byte[] decrypt(byte[] ciphertext, int offset, int length, byte[] aad);

    /** {@link #decrypt(byte[], int, int, byte[])} over the whole array. */
    default byte[] decrypt(byte[] ciphertext, byte[] aad) {
        return decrypt(ciphertext, 0, ciphertext.length, aad);
    }
}
