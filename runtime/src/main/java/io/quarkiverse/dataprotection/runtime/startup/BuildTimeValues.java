package io.quarkiverse.dataprotection.runtime.startup;

import java.util.Map;
import java.util.Optional;

/**
 * What the application was built with, for the start-up checks: the value of each build-time property the build used,
 * and the key directory the build chose for dev and test mode. Exposed as a synthetic bean; immutable.
 */
public final class BuildTimeValues {

    private final Map<String, String> properties;
    private final String devKeyDirectory;

    /**
     * @param properties each build-time property and the value the build used
     * @param devKeyDirectory the default key directory under the build output in dev and test mode, or {@code null}
     */
    public BuildTimeValues(Map<String, String> properties, String devKeyDirectory) {
        this.properties = Map.copyOf(properties);
        this.devKeyDirectory = devKeyDirectory;
    }

    /** Each build-time property and the value the build used. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The key directory the build chose as the dev/test default, when it chose one. */
    public Optional<String> devKeyDirectory() {
        return Optional.ofNullable(devKeyDirectory);
    }
}
