package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.quarkiverse.dataprotection.xmlencryption.CertificateSet;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptionTest;
import io.quarkiverse.dataprotection.xmlencryption.CertificateXmlEncryptor;
import io.quarkiverse.dataprotection.xmlencryption.EncryptedXmlDecryptor;

/**
 * Against a real vault, with {@code DefaultAzureCredential} (Azure CLI login, managed identity, or the
 * {@code AZURE_CLIENT_ID}/{@code AZURE_TENANT_ID}/{@code AZURE_CLIENT_SECRET} environment variables). Runs only when
 * {@code AZURE_KEYVAULT_URL} and {@code AZURE_KEYVAULT_CERTIFICATE_NAME} are set; the certificate's key must be
 * exportable and RSA.
 */
@EnabledIfEnvironmentVariable(named = "AZURE_KEYVAULT_URL", matches = "https://.+")
@EnabledIfEnvironmentVariable(named = "AZURE_KEYVAULT_CERTIFICATE_NAME", matches = ".+")
class AzureKeyVaultLiveTest {

    @Test
    void liveVault_loadsTheCertificate_andRoundTripsAMasterKey() throws Exception {
        AzureKeyVaultCertificateSource source = AzureKeyVaultCertificateSource
                .builder(System.getenv("AZURE_KEYVAULT_URL"), System.getenv("AZURE_KEYVAULT_CERTIFICATE_NAME")).build();

        CertificateSet set = source.certificates();
        var encrypted = new CertificateXmlEncryptor(source).encrypt(CertificateXmlEncryptionTest.masterKey());

        assertThat(set.encryptionCertificate().hasPrivateKey()).isTrue();
        assertThat(new EncryptedXmlDecryptor(source).decrypt(encrypted.encryptedElement()).getLocalName())
                .isEqualTo("masterKey");
    }
}
