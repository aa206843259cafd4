package io.quarkiverse.dataprotection.runtime;

/** How master keys are encrypted at rest ({@code quarkus.data-protection.key-encryption.type}). */
public enum KeyEncryptionType {
    NONE,
    CERTIFICATE,
    AZURE_KEY_VAULT
}
