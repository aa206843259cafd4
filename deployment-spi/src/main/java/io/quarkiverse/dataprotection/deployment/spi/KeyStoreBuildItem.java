package io.quarkiverse.dataprotection.deployment.spi;

import java.util.Objects;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * A {@code quarkus.data-protection.key-store} kind an extension provides (the main extension offers {@code file} and
 * {@code memory}; {@code quarkus-data-protection-redis} offers {@code redis}), as agroal's JDBC drivers announce
 * their database kinds. The main extension chooses among them at build time and fails the build when the configured
 * kind has no extension, naming the artifact to add.
 */
public final class KeyStoreBuildItem extends MultiBuildItem {

    private final String kind;
    private final boolean storeExtension;

    /**
     * @param kind the {@code key-store} value, e.g. {@code redis}
     * @param storeExtension whether an extension dedicated to this store provides it (it then becomes the default
     *        when it is the only one)
     */
    public KeyStoreBuildItem(String kind, boolean storeExtension) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.storeExtension = storeExtension;
    }

    public String kind() {
        return kind;
    }

    public boolean storeExtension() {
        return storeExtension;
    }
}
