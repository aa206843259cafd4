package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.InvalidSettingException;

/** The credential combinations are checked once, here, for every adapter. */
class AzureCredentialSettingsTest {

    @Test
    void clientIdWithoutSecretOrTokenFile_pointsToTheManagedIdentityClientId() {
        assertThatThrownBy(() -> new AzureCredentialSettings(null, "app-id", null, null, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid clientId=app-id: it is used only with clientSecret or workloadIdentityTokenFile; "
                        + "set one of them, or use managedIdentityClientId for a user-assigned managed identity");
    }

    @Test
    void secretAndTokenFileTogether_areRejected() {
        assertThatThrownBy(() -> new AzureCredentialSettings("t", "c", "s", "/token", null))
                .hasMessage("Invalid workloadIdentityTokenFile=/token: set either clientSecret or "
                        + "workloadIdentityTokenFile, not both");
    }

    @Test
    void secretWithoutTenant_andTokenFileWithoutClient_nameWhatIsMissing() {
        assertThatThrownBy(() -> new AzureCredentialSettings(null, "c", "s", null, null))
                .hasMessage("Missing tenantId: it is required with clientSecret");
        assertThatThrownBy(() -> new AzureCredentialSettings("t", null, null, "/token", null))
                .hasMessage("Missing clientId: it is required with workloadIdentityTokenFile");
    }

    @Test
    void validCombinations_build_andToStringHidesTheSecret() {
        assertThatCode(() -> AzureKeyVaultCertificateSource.builder("https://v.vault.azure.net", "c")
                .credential(new AzureCredentialSettings("t", "c", "s3cret", null, null))
                .credential(new AzureCredentialSettings("t", "c", null, "/token", null))
                .credential(new AzureCredentialSettings(null, null, null, null, "mi"))
                .credential(AzureCredentialSettings.DEFAULT)).doesNotThrowAnyException();
        assertThat(new AzureCredentialSettings("t", "c", "s3cret", null, null).toString())
                .contains("clientSecret=***").doesNotContain("s3cret");
    }
}
