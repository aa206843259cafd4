package io.quarkiverse.dataprotection.cdi;

import java.util.Map;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * Configuration errors worded as the Quarkus extension words them: {@code Invalid <property>=<value>: <rule>} and
 * {@code Missing <property>: <why>}. Rules checked in core or in the SDK modules come as
 * {@link InvalidSettingException} naming a builder method or record component; {@link #translate} names the property
 * instead.
 */
final class ConfigErrors {

    static final String PREFIX = "quarkus.data-protection.";

    /** The settings of {@code DataProtectionProviderBuilder}, {@code KeyPolicy} and {@code AlgorithmConfiguration}. */
    static final Map<String, String> PROVIDER = Map.of("keyLifetime", "key-lifetime",
            "propagationWindow", "propagation-window", "keyRetention", "key-retention",
            "refreshPeriod", "refresh-period", "encryption", "algorithm.encryption",
            "validation", "algorithm.validation");

    /** The components of {@code RedisConnectionSettings} and {@code RedisTls}, and the list key. */
    static final Map<String, String> REDIS = Map.ofEntries(Map.entry("mode", "redis.mode"),
            Map.entry("addresses", "redis.hosts"), Map.entry("masterName", "redis.master-name"),
            Map.entry("username", "redis.username"), Map.entry("password", "redis.password"),
            Map.entry("database", "redis.database"), Map.entry("connectTimeout", "redis.connect-timeout"),
            Map.entry("responseTimeout", "redis.command-timeout"), Map.entry("retryAttempts", "redis.retry-attempts"),
            Map.entry("retryInterval", "redis.retry-interval"),
            Map.entry("minimumIdleConnections", "redis.pool.min-idle"),
            Map.entry("maximumConnections", "redis.pool.max-size"), Map.entry("tls", "redis.tls.trust-store.path"),
            Map.entry("trustStore", "redis.tls.trust-store.path"),
            Map.entry("trustStorePassword", "redis.tls.trust-store.password"),
            Map.entry("trustStoreType", "redis.tls.trust-store.type"),
            Map.entry("keyStore", "redis.tls.key-store.path"),
            Map.entry("keyStorePassword", "redis.tls.key-store.password"),
            Map.entry("keyStoreType", "redis.tls.key-store.type"), Map.entry("listKey", "redis.list-key"));

    /** The Azure Key Vault builder's parameters and the components of {@code AzureCredentialSettings}. */
    static final Map<String, String> AZURE_KEY_VAULT = azureKeyVault("key-encryption.azure-key-vault.");

    private ConfigErrors() {
    }

    static IllegalArgumentException invalid(String property, Object value, String rule) {
        return new IllegalArgumentException("Invalid " + PREFIX + property + "=" + value + ": " + rule);
    }

    static IllegalArgumentException missing(String property, String why) {
        return new IllegalArgumentException("Missing " + PREFIX + property + ": " + why);
    }

    /** {@code e} with each setting it names replaced by its property in {@code properties}. */
    static IllegalArgumentException translate(InvalidSettingException e, Map<String, String> properties) {
        return new IllegalArgumentException(e.describe(name -> properties.containsKey(name)
                ? PREFIX + properties.get(name)
                : name), e);
    }

    /** The components of {@code CertificateFileSettings}, for the certificate group at {@code group}. */
    static Map<String, String> certificateFiles(String group) {
        return Map.of("pkcs12Path", group + ".pkcs12.path", "pkcs12Password", group + ".pkcs12.password",
                "pemCertificatePath", group + ".pem.certificate-path",
                "pemPrivateKeyPath", group + ".pem.private-key-path");
    }

    private static Map<String, String> azureKeyVault(String group) {
        return Map.of("vaultUrl", group + "vault-url", "certificateName", group + "certificate-name",
                "keyName", group + "key-name", "tenantId", group + "tenant-id", "clientId", group + "client-id",
                "clientSecret", group + "client-secret",
                "workloadIdentityTokenFile", group + "workload-identity-token-file",
                "managedIdentityClientId", group + "managed-identity-client-id",
                "refreshPeriod", group + "refresh-period", "authorityHost", group + "authority-host");
    }
}
