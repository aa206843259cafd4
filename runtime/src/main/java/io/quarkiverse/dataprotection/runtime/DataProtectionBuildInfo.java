package io.quarkiverse.dataprotection.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What the build found: the key store chosen at build time and every purpose chain named by an {@code @Protector}
 * injection point, in a stable order. Exposed as a synthetic bean; immutable.
 */
public final class DataProtectionBuildInfo {

    private final String keyStore;
    private final List<String> purposes;

    public DataProtectionBuildInfo(String keyStore, List<String> purposes) {
        this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
        this.purposes = List.copyOf(purposes);
    }

    /** The key store kind chosen at build time ({@code quarkus.data-protection.key-store}), e.g. {@code file}. */
    public String keyStore() {
        return keyStore;
    }

    /** Each {@code @Protector} purpose chain of the application, joined with {@code " > "}, sorted. */
    public List<String> purposes() {
        return purposes;
    }
}
