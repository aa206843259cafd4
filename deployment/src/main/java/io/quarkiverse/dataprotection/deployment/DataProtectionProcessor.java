package io.quarkiverse.dataprotection.deployment;

import jakarta.inject.Singleton;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildInfo;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildTimeConfig;
import io.quarkiverse.dataprotection.runtime.DataProtectionHealthCheck;
import io.quarkiverse.dataprotection.runtime.DataProtectionMetrics;
import io.quarkiverse.dataprotection.runtime.DataProtectionProducers;
import io.quarkiverse.dataprotection.runtime.DataProtectionRecorder;
import io.quarkiverse.dataprotection.runtime.DataProtectionService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/** Build steps of the data protection extension. */
class DataProtectionProcessor {

    static final String FEATURE = "data-protection";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The qualifier must be in the index for ArC to treat it as one, and for purposes to be collected. */
    @BuildStep
    AdditionalIndexedClassesBuildItem indexQualifier() {
        return new AdditionalIndexedClassesBuildItem(Protector.class.getName());
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(DataProtectionService.class, DataProtectionProducers.class)
                .setUnremovable()
                .build();
    }

    /** Protectors may be looked up only programmatically ({@code Protector.Literal}), so keep the producers. */
    @BuildStep
    UnremovableBeanBuildItem keepProducedTypes() {
        return UnremovableBeanBuildItem.beanTypes(DataProtector.class, DataProtectionProvider.class,
                KeyManager.class);
    }

    /**
     * Every {@code @Protector} of the application's index, including those of beans ArC later removes as unused:
     * an invalid purpose is a bug wherever it is.
     */
    @BuildStep
    ProtectorPurposesBuildItem collectPurposes(CombinedIndexBuildItem index) {
        return new ProtectorPurposesBuildItem(
                ProtectorInjectionPoints.purposes(index.getIndex().getAnnotations(ProtectorInjectionPoints.PROTECTOR)));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem buildInfo(DataProtectionRecorder recorder, DataProtectionBuildTimeConfig config,
            ProtectorPurposesBuildItem purposes) {
        return SyntheticBeanBuildItem.configure(DataProtectionBuildInfo.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.buildInfo(config.keyStore(), purposes.purposes()))
                .done();
    }

    @BuildStep
    HealthBuildItem healthCheck(DataProtectionBuildTimeConfig config) {
        return new HealthBuildItem(DataProtectionHealthCheck.class.getName(), config.health().enabled());
    }

    /**
     * Micrometer meters, only when the application has Micrometer: otherwise its classes are not there. The metrics
     * capability alone could be another metrics extension, hence the class check.
     */
    @BuildStep
    void metrics(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(DataProtectionMetrics.class));
        }
    }
}
