package io.quarkiverse.dataprotection.azure.keyvault.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of the Azure Key Vault extension: the {@code azure-key-vault} certificate source. */
class DataProtectionAzureKeyVaultProcessor {

    static final String FEATURE = "data-protection-azure-keyvault";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses("io.quarkiverse.dataprotection.azure.keyvault.runtime.AzureKeyVaultCertificateSourceFactory")
                .setUnremovable()
                .build();
    }
}
