package io.quarkiverse.dataprotection.keys;

import java.util.Locale;

/**
 * Symmetric encryption algorithms, named as in ASP.NET Core's key XML ({@code <encryption algorithm="AES_256_CBC"/>}).
 */
public enum EncryptionAlgorithm {
    AES_128_CBC(16, false),
    AES_192_CBC(24, false),
    AES_256_CBC(32, false),
    AES_128_GCM(16, true),
    AES_192_GCM(24, true),
    AES_256_GCM(32, true);

    private final int keySizeBytes;
    private final boolean gcm;

    EncryptionAlgorithm(int keySizeBytes, boolean gcm) {
        this.keySizeBytes = keySizeBytes;
        this.gcm = gcm;
    }

    /** The AES key size in bytes: 16, 24 or 32. */
    public int keySizeBytes() {
        return keySizeBytes;
    }

    /** {@code true} for the GCM modes, which need no separate validation algorithm. */
    public boolean isGcm() {
        return gcm;
    }

    /** The name ASP.NET writes in key XML, e.g. {@code AES_256_CBC}. */
    public String xmlName() {
        return name();
    }

    /**
     * Parses an ASP.NET algorithm name.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static EncryptionAlgorithm fromXmlName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown encryption algorithm '" + name + "'; expected one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}
