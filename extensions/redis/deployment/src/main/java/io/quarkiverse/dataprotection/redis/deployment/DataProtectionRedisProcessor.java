package io.quarkiverse.dataprotection.redis.deployment;

import io.quarkiverse.dataprotection.deployment.spi.KeyStoreBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

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

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses("io.quarkiverse.dataprotection.redis.runtime.RedisRepositoryFactory",
                        "io.quarkiverse.dataprotection.redis.runtime.IgnoredRedisSettings")
                .setUnremovable()
                .build();
    }
}
