package io.quarkiverse.dataprotection.keys;

import java.util.Locale;

/** MAC algorithms for the CBC modes, named as in ASP.NET Core's key XML ({@code <validation algorithm="HMACSHA256"/>}). */
public enum ValidationAlgorithm {
    HMACSHA256("HmacSHA256", 32),
    HMACSHA512("HmacSHA512", 64);

    private final String jcaName;
    private final int digestSizeBytes;

    ValidationAlgorithm(String jcaName, int digestSizeBytes) {
        this.jcaName = jcaName;
        this.digestSizeBytes = digestSizeBytes;
    }

    /** The JCA {@code Mac} algorithm name. */
    public String jcaName() {
        return jcaName;
    }

    /** The digest size in bytes, which is also the MAC key size ASP.NET derives. */
    public int digestSizeBytes() {
        return digestSizeBytes;
    }

    /** The name ASP.NET writes in key XML. */
    public String xmlName() {
        return name();
    }

    /**
     * Parses an ASP.NET algorithm name.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static ValidationAlgorithm fromXmlName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown validation algorithm '" + name + "'; expected one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}
