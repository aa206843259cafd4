package io.quarkiverse.dataprotection.azure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which authority hosts skip MSAL's instance discovery: only those Microsoft's discovery service does not know, for
 * which it would fail the credential with its own error (or hang where the public cloud is unreachable).
 */
class AzureCredentialsTest {

    @Test
    void publicAndSovereignCloudHosts_keepInstanceDiscovery() {
        assertThat(AzureCredentials.unknownAuthority(null)).isFalse();
        assertThat(AzureCredentials.unknownAuthority("https://login.microsoftonline.com/")).isFalse();
        assertThat(AzureCredentials.unknownAuthority("https://login.microsoftonline.us")).isFalse();
        assertThat(AzureCredentials.unknownAuthority("https://LOGIN.chinacloudapi.cn")).isFalse();
    }

    @Test
    void privateCloudOrTestServerHost_skipsInstanceDiscovery() {
        assertThat(AzureCredentials.unknownAuthority("https://adfs.contoso.local/adfs")).isTrue();
        assertThat(AzureCredentials.unknownAuthority("https://127.0.0.1:8443")).isTrue();
    }
}
