package io.quarkiverse.dataprotection.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.deployment.spi.KeyStoreBuildItem;
import io.quarkiverse.dataprotection.deployment.spi.SelectedKeyStoreBuildItem;
import io.quarkiverse.dataprotection.keys.KeyManager;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildInfo;
import io.quarkiverse.dataprotection.runtime.DataProtectionBuildTimeConfig;
import io.quarkiverse.dataprotection.runtime.DataProtectionMetrics;
import io.quarkiverse.dataprotection.runtime.DataProtectionProducers;
import io.quarkiverse.dataprotection.runtime.DataProtectionRecorder;
import io.quarkiverse.dataprotection.runtime.DataProtectionService;
import io.quarkiverse.dataprotection.runtime.HttpServerStarted;
import io.quarkiverse.dataprotection.spi.DataProtectionProviderFactory;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/** Build steps of the data protection extension. */
class DataProtectionProcessor {

    static final String FEATURE = "data-protection";
    /** Registered by class name: the check is package-private, not API. */
    static final String HEALTH_CHECK = "io.quarkiverse.dataprotection.runtime.DataProtectionHealthCheck";
    /** Store kinds that extensions of this project provide, and the artifact to add for each. */
    static final Map<String, String> STORE_EXTENSIONS = Map.of(
            "redis", "io.quarkiverse.dataprotection:quarkus-data-protection-redis",
            "jdbc", "io.quarkiverse.dataprotection:quarkus-data-protection-jdbc");

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
                .addBeanClasses(DataProtectionService.class.getName(), DataProtectionProducers.class.getName(),
                        "io.quarkiverse.dataprotection.runtime.FileRepositoryFactory",
                        "io.quarkiverse.dataprotection.runtime.MemoryRepositoryFactory")
                .setUnremovable()
                .build();
    }

    /** The implementation behind {@code DataProtectionProvider.builder()}, found through ServiceLoader. */
    @BuildStep
    ServiceProviderBuildItem providerFactory() {
        return ServiceProviderBuildItem.allProvidersFromClassPath(DataProtectionProviderFactory.class.getName());
    }

    @BuildStep
    void builtInKeyStores(BuildProducer<KeyStoreBuildItem> stores) {
        stores.produce(new KeyStoreBuildItem("file", false));
        stores.produce(new KeyStoreBuildItem("memory", false));
    }

    /**
     * The key store: {@code key-store} when set (failing the build when no extension provides it, naming the artifact
     * to add), else the one store extension present, else {@code file}.
     */
    @BuildStep
    SelectedKeyStoreBuildItem selectKeyStore(DataProtectionBuildTimeConfig config, List<KeyStoreBuildItem> stores) {
        TreeSet<String> kinds = new TreeSet<>();
        stores.forEach(store -> kinds.add(store.kind()));
        Optional<String> configured = config.keyStore().map(String::strip);
        if (configured.isPresent()) {
            String kind = configured.get();
            if (kinds.contains(kind)) {
                return new SelectedKeyStoreBuildItem(kind);
            }
            String extension = STORE_EXTENSIONS.get(kind);
            throw new ConfigurationException("quarkus.data-protection.key-store=" + kind + (extension != null
                    ? " needs the extension " + extension + "; add that dependency to the application"
                    : " is not a key store kind; use one of " + kinds));
        }
        List<String> extensions = stores.stream().filter(KeyStoreBuildItem::storeExtension)
                .map(KeyStoreBuildItem::kind).sorted().toList();
        if (extensions.size() > 1) {
            throw new ConfigurationException("Several key store extensions are present (" + extensions + "): set "
                    + "quarkus.data-protection.key-store to the one to use");
        }
        return new SelectedKeyStoreBuildItem(extensions.isEmpty() ? "file" : extensions.get(0));
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
    ProtectorPurposesBuildItem collectPurposes(CombinedIndexBuildItem index, BuildProducer<ValidationErrorBuildItem> errors) {
        ProtectorInjectionPoints.Scan scan = ProtectorInjectionPoints
                .scan(index.getIndex().getAnnotations(ProtectorInjectionPoints.PROTECTOR));
        scan.errors().forEach(error -> errors.produce(new ValidationErrorBuildItem(new IllegalArgumentException(error))));
        return new ProtectorPurposesBuildItem(scan.chains());
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem buildInfo(DataProtectionRecorder recorder, SelectedKeyStoreBuildItem keyStore,
            ProtectorPurposesBuildItem purposes) {
        return SyntheticBeanBuildItem.configure(DataProtectionBuildInfo.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.buildInfo(keyStore.kind(), purposes.purposes()))
                .done();
    }

    @BuildStep
    HealthBuildItem healthCheck(DataProtectionBuildTimeConfig config) {
        return new HealthBuildItem(HEALTH_CHECK, config.health().enabled());
    }

    /**
     * The signal that starts the key ring's first read once the HTTP server listens, when there is one. Not in dev
     * mode: a live reload restarts the application but not its HTTP server, so the signal would never come (the read
     * then starts with the service, as without an HTTP server).
     */
    @BuildStep
    void httpServerStarted(Capabilities capabilities, LaunchModeBuildItem launchMode,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.VERTX_HTTP) && launchMode.getLaunchMode() != LaunchMode.DEVELOPMENT) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(HttpServerStarted.class));
        }
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
