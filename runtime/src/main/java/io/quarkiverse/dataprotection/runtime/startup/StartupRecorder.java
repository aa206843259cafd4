package io.quarkiverse.dataprotection.runtime.startup;

import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/** Carries the build's values into the running application for the start-up checks. */
@Recorder
public class StartupRecorder {

    /** The {@link BuildTimeValues} bean's contents. */
    public Supplier<BuildTimeValues> buildTimeValues(Map<String, String> properties, String devKeyDirectory) {
        BuildTimeValues values = new BuildTimeValues(properties, devKeyDirectory);
        return () -> values;
    }
}
