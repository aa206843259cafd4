package io.quarkiverse.dataprotection.runtime;

import java.util.Locale;

/** How master keys are encrypted at rest ({@code quarkus.data-protection.key-encryption.type}). */
public enum KeyEncryptionType {
    /** Stored unencrypted. */
    NONE(null),
    /** Encrypted to a certificate from PKCS#12 or PEM files. */
    CERTIFICATE(null),
    /** Encrypted to an Azure Key Vault certificate. */
    AZURE_KEY_VAULT("io.quarkiverse.dataprotection:quarkus-data-protection-azure-keyvault"),
    /** Wrapped with an Azure Key Vault key (ASP.NET Core's {@code ProtectKeysWithAzureKeyVault}). */
    AZURE_KEY_VAULT_KEY("io.quarkiverse.dataprotection:quarkus-data-protection-azure-keyvault");

    private final String extension;

    KeyEncryptionType(String extension) {
        this.extension = extension;
    }

    /** The extension (group:artifact) that provides this type, or {@code null} when the main extension does. */
    public String extension() {
        return extension;
    }

    /** The configuration value, e.g. {@code azure-key-vault}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
