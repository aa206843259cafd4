package io.quarkiverse.dataprotection.jdbc.deployment;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.deployment.spi.KeyStoreBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of the database key store extension: the {@code jdbc} kind and its factory. */
class DataProtectionJdbcProcessor {

    static final String FEATURE = "data-protection-jdbc";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    KeyStoreBuildItem keyStore() {
        return new KeyStoreBuildItem("jdbc", true);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses("io.quarkiverse.dataprotection.jdbc.runtime.JdbcRepositoryFactory")
                .setUnremovable()
                .build();
    }

    /** The factory looks the datasource up by name at run time, so no datasource may be removed as unused. */
    @BuildStep
    UnremovableBeanBuildItem keepDataSources() {
        return UnremovableBeanBuildItem.beanTypes(AgroalDataSource.class);
    }
}
