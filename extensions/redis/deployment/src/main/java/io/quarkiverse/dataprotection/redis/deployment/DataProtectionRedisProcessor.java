package io.quarkiverse.dataprotection.redis.deployment;

import io.quarkiverse.dataprotection.deployment.spi.KeyStoreBuildItem;
import io.quarkiverse.dataprotection.deployment.spi.SelectedKeyStoreBuildItem;
import io.quarkiverse.dataprotection.redis.runtime.RedisStartRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;

/** Build steps of the Redis key store extension: the {@code redis} kind and its factory. */
class DataProtectionRedisProcessor {

    static final String FEATURE = "data-protection-redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    KeyStoreBuildItem keyStore() {
        return new KeyStoreBuildItem("redis", true);
    }

    /**
     * Starts the Redis connection during runtime initialisation (in parallel with the rest of start-up) when the
     * build chose the Redis store; the data protection service takes the client when it starts.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class) // the TLS registry and credentials providers are ready
    void connectEarly(SelectedKeyStoreBuildItem selected, RedisStartRecorder recorder,
            BuildProducer<ServiceStartBuildItem> started) {
        if (selected.is("redis")) {
            recorder.connectEarly();
            started.produce(new ServiceStartBuildItem(FEATURE));
        }
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses("io.quarkiverse.dataprotection.redis.runtime.RedisRepositoryFactory",
                        "io.quarkiverse.dataprotection.redis.runtime.IgnoredRedisSettings")
                .setUnremovable()
                .build();
    }
}
