package io.quarkiverse.dataprotection.deployment;

import java.util.List;

import io.quarkus.builder.item.SimpleBuildItem;

/** Every purpose chain named by an {@code @Protector} injection point of the application, validated and sorted. */
public final class ProtectorPurposesBuildItem extends SimpleBuildItem {

    private final List<String> purposes;

    public ProtectorPurposesBuildItem(List<String> purposes) {
        this.purposes = List.copyOf(purposes);
    }

    /** Each chain with its purposes joined by {@code " > "}. */
    public List<String> purposes() {
        return purposes;
    }
}
