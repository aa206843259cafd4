package io.quarkiverse.dataprotection.runtime;

import java.util.List;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/** Carries what the build found into the running application. */
@Recorder
public class DataProtectionRecorder {

    /** The build info bean's contents. */
    public Supplier<DataProtectionBuildInfo> buildInfo(String keyStore, List<String> purposes) {
        DataProtectionBuildInfo info = new DataProtectionBuildInfo(keyStore, purposes);
        return () -> info;
    }
}
