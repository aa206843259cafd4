package io.quarkiverse.dataprotection.cdi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * {@code quarkus.data-protection.key-encryption.*}: how master keys are encrypted at rest. Plain JDK types only, so
 * that the mapping loads without the Azure SDK.
 */
interface KeyEncryptionConfig {

    /**
     * {@code none} (stored in plaintext, with a warning), {@code certificate} (the files of {@code certificate.*}),
     * {@code azure-key-vault} (a Key Vault certificate) or {@code azure-key-vault-key} (a Key Vault key wraps each
     * master key, as ASP.NET Core's {@code ProtectKeysWithAzureKeyVault}); both Key Vault types need
     * {@code io.quarkiverse.dataprotection:data-protection-azure-keyvault}. An application bean of type
     * {@code KeyEncryptor} replaces the encryptor chosen here.
     */
    @WithDefault("none")
    Type type();

    /** The certificate of {@code type=certificate}. */
    CertificateFiles certificate();

    /** The Azure Key Vault certificate of {@code type=azure-key-vault} and the key of {@code azure-key-vault-key}. */
    AzureKeyVault azureKeyVault();

    /** More certificates that only decrypt, keyed by any name. */
    Map<String, CertificateFiles> decryptionCertificates();

    /** How master keys are encrypted. */
    enum Type {
        NONE,
        CERTIFICATE,
        AZURE_KEY_VAULT,
        AZURE_KEY_VAULT_KEY
    }

    /** A certificate with its private key, from a PKCS#12 file or from PEM files; set exactly one of them. */
    interface CertificateFiles {

        /** A PKCS#12 file. */
        Pkcs12 pkcs12();

        /** A PEM certificate file and an unencrypted PKCS#8 private key file. */
        Pem pem();
    }

    /** A PKCS#12 file. */
    interface Pkcs12 {

        /** The path of the PKCS#12 file holding the certificate and its private key. */
        Optional<String> path();

        /** The password of the PKCS#12 file; none when not set. */
        Optional<String> password();
    }

    /** PEM files. */
    interface Pem {

        /** The path of the PEM certificate. */
        Optional<String> certificatePath();

        /** The path of the unencrypted PKCS#8 private key; may be the certificate file itself. */
        Optional<String> privateKeyPath();
    }

    /**
     * An Azure Key Vault certificate, or key; the vault, credential and transport settings serve both. With both a
     * certificate and a key configured, the one the type names encrypts new keys and the other still decrypts the
     * keys it encrypted.
     */
    interface AzureKeyVault {

        /**
         * The vault URL, e.g. {@code https://my-vault.vault.azure.net}. Required with {@code type=azure-key-vault}
         * and {@code type=azure-key-vault-key}.
         */
        Optional<String> vaultUrl();

        /**
         * The name of the Key Vault certificate; its policy must mark the key exportable. Required with
         * {@code type=azure-key-vault}; set with another type, it still decrypts the keys encrypted to it.
         */
        Optional<String> certificateName();

        /**
         * The name of the RSA key that wraps the master keys, required with {@code type=azure-key-vault-key}; the
         * identity needs {@code wrapKey} and {@code unwrapKey} on it (RBAC role Key Vault Crypto User). Set with
         * another type, it still unwraps the keys it wrapped.
         */
        Optional<String> keyName();

        /** The version of {@code key-name} that wraps new keys; by default its newest version. */
        Optional<String> keyVersion();

        /**
         * More keys whose wrapped master keys may be unwrapped (any version), as key identifiers without version, e.g.
         * {@code https://old-vault.vault.azure.net/keys/data-protection}; a stored key naming any other key but
         * {@code key-name} is refused without a call.
         */
        Optional<List<String>> allowedKeys();

        /** The tenant of a service principal or of workload identity. */
        Optional<String> tenantId();

        /** The client id of a service principal or of workload identity. */
        Optional<String> clientId();

        /** The client secret of a service principal; needs {@code tenant-id} and {@code client-id}. */
        Optional<String> clientSecret();

        /** The federated token file of workload identity; needs {@code tenant-id} and {@code client-id}. */
        Optional<String> workloadIdentityTokenFile();

        /** The client id of a user-assigned managed identity, used by {@code DefaultAzureCredential}. */
        Optional<String> managedIdentityClientId();

        /**
         * The Microsoft Entra ID host the credentials ask for tokens, e.g. {@code https://login.microsoftonline.us};
         * by default the Azure public cloud's. Not used with an application {@code TokenCredential} bean.
         */
        Optional<String> authorityHost();

        /** How often the certificate's versions are listed again, in the background. */
        @WithDefault("1H")
        @WithConverter(DurationConverter.class)
        Duration refreshPeriod();

        /** A PKCS#12 trust store for TLS to the vault instead of the JVM's default trust. */
        Optional<String> trustStorePath();

        /** The password of {@code trust-store-path}; none when not set. */
        Optional<String> trustStorePassword();

        /** Whether the resource of the vault's bearer challenge must match the vault's domain. */
        @WithDefault("true")
        boolean challengeResourceVerification();
    }
}
