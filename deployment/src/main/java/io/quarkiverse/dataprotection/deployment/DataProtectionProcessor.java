package io.quarkiverse.dataprotection.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of the data protection extension. */
class DataProtectionProcessor {

    static final String FEATURE = "data-protection";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }
}
