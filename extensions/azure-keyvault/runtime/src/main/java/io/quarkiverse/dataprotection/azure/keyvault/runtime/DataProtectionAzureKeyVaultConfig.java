package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Azure Key Vault certificate that encrypts master keys at rest with
 * {@code quarkus.data-protection.key-encryption.type=azure-key-vault} (ASP.NET Core's
 * {@code ProtectKeysWithCertificate} with a certificate from Key Vault).
 */
@ConfigMapping(prefix = "quarkus.data-protection.key-encryption.azure-key-vault")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DataProtectionAzureKeyVaultConfig {

    /** The vault URL, e.g. {@code https://my-vault.vault.azure.net}. Required with {@code type=azure-key-vault}. */
    Optional<String> vaultUrl();

    /**
     * The name of the Key Vault certificate. Its policy must mark the key exportable: the private key is read from
     * the certificate's backing secret. Required with {@code type=azure-key-vault}.
     */
    Optional<String> certificateName();

    /**
     * The tenant of a service principal ({@code client-secret}) or of workload identity
     * ({@code workload-identity-token-file}). Without either, {@code DefaultAzureCredential} is used (managed
     * identity, environment variables, Azure CLI...).
     */
    Optional<String> tenantId();

    /** The client id of a service principal ({@code client-secret}) or of workload identity. */
    Optional<String> clientId();

    /** The client secret of a service principal; needs {@code tenant-id} and {@code client-id}. */
    Optional<String> clientSecret();

    /**
     * The federated token file of workload identity (e.g. AKS); needs {@code tenant-id} and {@code client-id}.
     */
    Optional<String> workloadIdentityTokenFile();

    /** The client id of a user-assigned managed identity, used by {@code DefaultAzureCredential}. */
    Optional<String> managedIdentityClientId();

    /**
     * How often the certificate's versions are listed again, in the background, so that a rotated certificate
     * encrypts new keys and its new version decrypts. Never done on the request path.
     */
    @WithDefault("1H")
    Duration refreshPeriod();

    /**
     * A PKCS#12 trust store whose certificates are trusted for TLS to the vault instead of the JVM's default
     * trust. For a vault behind a private CA, or for tests against a local server; leave unset for Azure.
     */
    Optional<String> trustStorePath();

    /** The password of {@code trust-store-path}; none when not set. */
    Optional<String> trustStorePassword();

    /**
     * Whether the resource of the vault's bearer challenge must match the vault's domain (the Azure SDK's default
     * protection). Turn it off only for a test server that does not run under {@code *.vault.azure.net}.
     */
    @WithDefault("true")
    boolean challengeResourceVerification();
}
