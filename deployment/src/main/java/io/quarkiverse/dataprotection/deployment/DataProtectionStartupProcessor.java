package io.quarkiverse.dataprotection.deployment;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkiverse.dataprotection.deployment.spi.SelectedKeyStoreBuildItem;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildTimeConfig;
import io.quarkiverse.dataprotection.runtime.startup.BuildTimeValues;
import io.quarkiverse.dataprotection.runtime.startup.StartupChecks;
import io.quarkiverse.dataprotection.runtime.startup.StartupRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.pkg.builditem.BuildSystemTargetBuildItem;

/**
 * The defaults and start-up warnings that keep Quarkus users from surprises: dev and test keys under the build output
 * instead of the home directory, and the values the build used, so that a different run-time value is reported.
 */
class DataProtectionStartupProcessor {

    static final String KEY_STORE = "quarkus.data-protection.key-store";
    static final String HEALTH_ENABLED = "quarkus.data-protection.health.enabled";
    static final String FILE_DIRECTORY = "quarkus.data-protection.file.directory";
    /** Under the build output, so {@code mvn clean} removes dev and test keys with everything else the build made. */
    static final String DEV_KEY_DIRECTORY = "data-protection-keys";

    @BuildStep
    AdditionalBeanBuildItem startupChecks() {
        return AdditionalBeanBuildItem.unremovableOf(StartupChecks.class);
    }

    /**
     * In dev and test mode the file store defaults to a directory under the build output: tests and dev sessions must
     * not write real keys into the user's home directory. Any configured value (a %dev or %test one too) wins.
     */
    @BuildStep
    void devKeyDirectory(LaunchModeBuildItem launchMode, BuildSystemTargetBuildItem target,
            SelectedKeyStoreBuildItem keyStore, BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        devKeyDirectory(launchMode, target, keyStore)
                .ifPresent(directory -> defaults.produce(new RunTimeConfigurationDefaultBuildItem(FILE_DIRECTORY, directory)));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem buildTimeValues(StartupRecorder recorder, DataProtectionBuildTimeConfig config,
            SelectedKeyStoreBuildItem keyStore, LaunchModeBuildItem launchMode, BuildSystemTargetBuildItem target) {
        Map<String, String> builtWith = Map.of(KEY_STORE, keyStore.kind(),
                HEALTH_ENABLED, String.valueOf(config.health().enabled()));
        return SyntheticBeanBuildItem.configure(BuildTimeValues.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.buildTimeValues(builtWith, devKeyDirectory(launchMode, target, keyStore).orElse(null)))
                .done();
    }

    private static Optional<String> devKeyDirectory(LaunchModeBuildItem launchMode,
            BuildSystemTargetBuildItem target, SelectedKeyStoreBuildItem keyStore) {
        if (!launchMode.getLaunchMode().isDevOrTest() || !"file".equals(keyStore.kind())) {
            return Optional.empty();
        }
        return Optional.of(target.getOutputDirectory().resolve(DEV_KEY_DIRECTORY).toAbsolutePath().toString());
    }
}
