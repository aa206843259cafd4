package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Build steps of the Azure Key Vault extension: the {@code azure-key-vault} certificate source, the
 * {@code azure-key-vault-key} key wrap, and the Key Vault call counter when the application has Micrometer.
 */
class DataProtectionAzureKeyVaultProcessor {

    static final String FEATURE = "data-protection-azure-keyvault";
    private static final String RUNTIME = "io.quarkiverse.dataprotection.azure.keyvault.runtime.";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(RUNTIME + "AzureKeyVaultCertificateSourceFactory",
                        RUNTIME + "AzureKeyVaultKeyEncryptionFactory")
                .setUnremovable()
                .build();
    }

    /**
     * {@code data_protection.key_vault.calls}, only when the application has Micrometer: otherwise its classes are
     * not there. The metrics capability alone could be another metrics extension, hence the class check.
     */
    @BuildStep
    void metrics(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(RUNTIME + "KeyVaultMetrics"));
        }
    }
}
