package io.quarkiverse.dataprotection.azure.keyvault;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Which azure-identity credential authenticates to Key Vault, as configuration gives it: a service principal
 * ({@code tenantId}, {@code clientId}, {@code clientSecret}), workload identity ({@code tenantId}, {@code clientId},
 * {@code workloadIdentityTokenFile}), or else {@code DefaultAzureCredential} (managed identity, environment, Azure
 * CLI...), optionally with a user-assigned managed identity's {@code managedIdentityClientId}. The constructor checks
 * the combinations once for every adapter and throws {@link InvalidSettingException} naming the component. Apply it
 * with {@link AzureKeyVaultCertificateSourceBuilder#credential(AzureCredentialSettings)}.
 * <p>
 * Immutable. {@link #toString()} never prints the client secret.
 *
 * @param tenantId the tenant of a service principal or of workload identity, or {@code null}
 * @param clientId the client id of a service principal or of workload identity, or {@code null}
 * @param clientSecret the client secret of a service principal, or {@code null}
 * @param workloadIdentityTokenFile the federated token file of workload identity, or {@code null}
 * @param managedIdentityClientId the client id of a user-assigned managed identity, or {@code null}
 */
public record AzureCredentialSettings(String tenantId, String clientId, String clientSecret,
        String workloadIdentityTokenFile, String managedIdentityClientId) {

    /** {@code DefaultAzureCredential} with the system-assigned identity. */
    public static final AzureCredentialSettings DEFAULT = new AzureCredentialSettings(null, null, null, null, null);

    public AzureCredentialSettings {
        if (clientSecret != null && workloadIdentityTokenFile != null) {
            throw InvalidSettingException.invalid("workloadIdentityTokenFile", workloadIdentityTokenFile,
                    "set either {clientSecret} or {workloadIdentityTokenFile}, not both");
        }
        if (clientSecret != null || workloadIdentityTokenFile != null) {
            String with = clientSecret != null ? "{clientSecret}" : "{workloadIdentityTokenFile}";
            require(tenantId, "tenantId", with);
            require(clientId, "clientId", with);
        } else if (tenantId != null || clientId != null) {
            throw InvalidSettingException.invalid(clientId != null ? "clientId" : "tenantId",
                    clientId != null ? clientId : tenantId, "it is used only with {clientSecret} or "
                            + "{workloadIdentityTokenFile}; set one of them, or use {managedIdentityClientId} for a "
                            + "user-assigned managed identity");
        }
    }

    private static void require(String value, String setting, String with) {
        if (value == null || value.isBlank()) {
            throw InvalidSettingException.missing(setting, "it is required with " + with);
        }
    }

    @Override
    public String toString() {
        return "AzureCredentialSettings[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "(none)" : "***") + ", workloadIdentityTokenFile="
                + workloadIdentityTokenFile + ", managedIdentityClientId=" + managedIdentityClientId + "]";
    }
}
