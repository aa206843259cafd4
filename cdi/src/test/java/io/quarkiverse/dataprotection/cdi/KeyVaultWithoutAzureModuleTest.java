package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.xmlencryption.TestCertificates;

/**
 * Runs in its own surefire execution whose class path lacks data-protection-azure-keyvault and the Key Vault SDK
 * (see the pom), as an application that never added them.
 */
@DisabledIfSystemProperty(named = "data-protection.test.full-class-path", matches = "true", disabledReason = "needs "
        + "the class path of its own surefire execution")
class KeyVaultWithoutAzureModuleTest {

    static final String P = "quarkus.data-protection.";

    @Test
    void classPath_reallyLacksTheAzureModuleAndTheKeyVaultSdk() {
        assertThatThrownBy(() -> Class.forName(
                "io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSource"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.azure.security.keyvault.certificates.CertificateClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void azureKeyVaultEncryption_failsTheStart_namingThePropertyTheValueAndTheArtifactToAdd() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "azure-key-vault",
                P + "key-encryption.azure-key-vault.vault-url", "https://my-vault.vault.azure.net",
                P + "key-encryption.azure-key-vault.certificate-name", "dp")).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("quarkus.data-protection.key-encryption.type=azure-key-vault needs the "
                        + "io.quarkiverse.dataprotection:data-protection-azure-keyvault artifact, which is not on the "
                        + "class path; add it as a dependency (same version as data-protection-cdi), or choose "
                        + "certificate or none");
    }

    @Test
    void azureKeyVaultKeyWrap_failsTheStart_namingThePropertyTheValueAndTheArtifactToAdd() {
        assertThatThrownBy(() -> CdiApp.start(Map.of(P + "key-encryption.type", "azure-key-vault-key",
                P + "key-encryption.azure-key-vault.vault-url", "https://my-vault.vault.azure.net",
                P + "key-encryption.azure-key-vault.key-name", "dp")).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("quarkus.data-protection.key-encryption.type=azure-key-vault-key needs the "
                        + "io.quarkiverse.dataprotection:data-protection-azure-keyvault artifact, which is not on the "
                        + "class path; add it as a dependency (same version as data-protection-cdi), or choose "
                        + "certificate or none");
    }

    @Test
    void certificateEncryption_worksWithoutIt(@TempDir Path dir) {
        Path pfx = TestCertificates.writePkcs12(dir, "c.pfx", TestCertificates.generate("no-azure"), new char[0]);
        try (CdiApp app = CdiApp.start(Map.of(P + "key-encryption.type", "certificate",
                P + "key-encryption.certificate.pkcs12.path", pfx.toString()))) {
            assertThat(app.protector().unprotect(app.protector().protect("no azure"))).isEqualTo("no azure");
        }
    }
}
