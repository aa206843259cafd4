package io.quarkiverse.dataprotection.internal.crypto;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Arrays;

import javax.crypto.SecretKey;

/**
 * A reusable, mutable {@link SecretKey} that views a range of a scratch array owned by the caller.
 * <p>
 * {@link javax.crypto.spec.SecretKeySpec} would keep its own copy of every derived subkey on the heap until
 * it is collected; this view copies only inside {@link #getEncoded()}, and the JDK providers wipe that copy
 * after keying, so wiping the scratch array wipes the subkey. Never serializable, never printed.
 * <p>
 * Thread-safety: none; each instance belongs to one thread's {@link JcaCache}.
 */
final class KeyView implements SecretKey {

    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private transient byte[] bytes;
    private transient int offset;
    private transient int length;

    KeyView(String algorithm) {
        this.algorithm = algorithm;
    }

    /** Points this key at {@code length} bytes of {@code source} from {@code offset}; returns this. */
    KeyView of(byte[] source, int offset, int length) {
        this.bytes = source;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("Key material is never serialized");
    }

    @Override
    public String toString() {
        return "KeyView[" + algorithm + ", " + length + " bytes]";
    }
}
