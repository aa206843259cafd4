package io.quarkiverse.dataprotection.deployment.spi;

import java.util.Objects;

import io.quarkus.builder.item.SimpleBuildItem;

/** The key store kind the build chose ({@code quarkus.data-protection.key-store} or its default). */
public final class SelectedKeyStoreBuildItem extends SimpleBuildItem {

    private final String kind;

    public SelectedKeyStoreBuildItem(String kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public String kind() {
        return kind;
    }

    /** Whether {@code kind} was chosen. */
    public boolean is(String kind) {
        return this.kind.equals(kind);
    }
}
