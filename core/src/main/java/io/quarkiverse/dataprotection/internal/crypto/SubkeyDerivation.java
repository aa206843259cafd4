package io.quarkiverse.dataprotection.internal.crypto;

/**
 * The per-payload subkey derivation of one encryptor: SP800-108 with the master key as KDK, the AAD as label and
 * {@code contextHeader || keyModifier} as context.
 * <p>
 * The KDK never changes for an encryptor, so each thread keeps an HMAC-SHA512 with the key pads already hashed instead of
 * re-keying per payload. The master key bytes are exposed once per thread, to key that thread's PRF, and wiped.
 * <p>
 * Thread-safety: safe for concurrent use.
 */
final class SubkeyDerivation {

    /** Size of the random key modifier that starts every encryptor output. */
    static final int KEY_MODIFIER_SIZE = 16;

    private final byte[] contextHeader;
    private final ThreadLocal<HmacSha512Prf> prf;

    SubkeyDerivation(Secret masterKey, byte[] contextHeader) {
        this.contextHeader = contextHeader;
        this.prf = ThreadLocal.withInitial(() -> keyedPrf(masterKey));
    }

    /**
     * Derives {@code length} bytes into {@code out} (whole PRF blocks are written: the caller wipes them), with
     * the key modifier read from {@code source} at {@code keyModifierOffset}.
     */
    void derive(byte[] aad, byte[] source, int keyModifierOffset, byte[] out, int length) {
        Sp800108CtrHmacSha512.derive(prf.get(), aad, contextHeader, source, keyModifierOffset, KEY_MODIFIER_SIZE,
                out, length);
    }

    private static HmacSha512Prf keyedPrf(Secret masterKey) {
        byte[] kdk = masterKey.exposeSecretBytes();
        try {
            return Sp800108CtrHmacSha512.newPrf(kdk);
        } finally {
            Secret.wipe(kdk);
        }
    }
}
