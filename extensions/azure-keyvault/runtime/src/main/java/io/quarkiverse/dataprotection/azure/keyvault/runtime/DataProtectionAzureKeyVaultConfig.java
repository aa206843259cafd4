package io.quarkiverse.dataprotection.azure.keyvault.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Azure Key Vault for the master keys at rest: a Key Vault certificate they are encrypted to
 * ({@code quarkus.data-protection.key-encryption.type=azure-key-vault}, ASP.NET Core's
 * {@code ProtectKeysWithCertificate} with a certificate from Key Vault), or a Key Vault key that wraps them
 * ({@code type=azure-key-vault-key}, ASP.NET Core's {@code ProtectKeysWithAzureKeyVault}). The vault, the credential
 * and the transport settings serve both; with both a certificate and a key configured, the one the type names
 * encrypts new keys and the other still decrypts the keys it encrypted.
 */
@ConfigMapping(prefix = "quarkus.data-protection.key-encryption.azure-key-vault")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DataProtectionAzureKeyVaultConfig {

    /**
     * The vault URL, e.g. {@code https://my-vault.vault.azure.net}. Required with {@code type=azure-key-vault} and
     * {@code type=azure-key-vault-key}.
     */
    Optional<String> vaultUrl();

    /**
     * The name of the Key Vault certificate. Its policy must mark the key exportable: the private key is read from
     * the certificate's backing secret. Required with {@code type=azure-key-vault}.
     */
    Optional<String> certificateName();

    /**
     * The name of the Key Vault key that wraps the master keys, with {@code type=azure-key-vault-key}; the key
     * identifier ASP.NET Core's {@code ProtectKeysWithAzureKeyVault} takes is {@code vault-url} + {@code /keys/} +
     * {@code key-name}, e.g. {@code https://my-vault.vault.azure.net/keys/data-protection}. An
     * RSA key; the identity needs {@code wrapKey} and {@code unwrapKey} on it (RBAC role Key Vault Crypto User). Set
     * with another type, the key still unwraps the keys it wrapped (a migration away from it).
     */
    Optional<String> keyName();

    /**
     * The version of {@code key-name} that wraps new keys; by default its newest version, asked of Key Vault when a
     * key is created (at most once a minute), so a rotated key wraps the next new key without a restart. Keys wrapped
     * by older versions unwrap with the version their {@code kid} names, whatever this setting.
     */
    Optional<String> keyVersion();

    /**
     * More keys whose wrapped master keys may be unwrapped (any version), as key identifiers without version: e.g.
     * {@code https://old-vault.vault.azure.net/keys/data-protection}, the key of a vault used before. A stored key naming any
     * key but these and {@code key-name} is refused without a
     * call to its vault (ASP.NET Core calls whatever vault the stored key names).
     */
    Optional<List<String>> allowedKeys();

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
     * The Microsoft Entra ID host the credentials ask for tokens, e.g. {@code https://login.microsoftonline.us} for
     * Azure Government or {@code https://login.chinacloudapi.cn} for Azure China; by default the Azure public
     * cloud's (or the {@code AZURE_AUTHORITY_HOST} environment variable). A host of none of Microsoft's clouds (Azure
     * Stack, a private cloud) is used without MSAL's instance discovery, which only knows those. Not used with an
     * application {@code TokenCredential} bean.
     */
    Optional<String> authorityHost();

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
