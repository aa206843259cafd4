package io.quarkiverse.dataprotection.cdi;

/**
 * The SDK modules the CDI extension uses only when the configuration asks for them. Each is an optional dependency;
 * {@link #require} checks that it is on the class path before any class touching its SDK is loaded, so that a missing
 * module is reported as the dependency to add instead of a {@code NoClassDefFoundError} from inside the SDK.
 */
enum OptionalModule {

    REDIS("key-store=redis", "io.quarkiverse.dataprotection:data-protection-redis",
            "io.quarkiverse.dataprotection.redis.RedisXmlRepository", "org.redisson:redisson",
            "org.redisson.api.RedissonClient", "file, jdbc or memory"),
    // JDBC itself is the JDK's (java.sql); the driver comes with the application's DataSource.
    JDBC("key-store=jdbc", "io.quarkiverse.dataprotection:data-protection-jdbc",
            "io.quarkiverse.dataprotection.jdbc.JdbcXmlRepository", "the JDK's java.sql module",
            "javax.sql.DataSource", "file, redis or memory"),
    AZURE_KEY_VAULT("key-encryption.type=azure-key-vault",
            "io.quarkiverse.dataprotection:data-protection-azure-keyvault",
            "io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultCertificateSource",
            "com.azure:azure-security-keyvault-certificates",
            "com.azure.security.keyvault.certificates.CertificateClient", "certificate or none"),
    AZURE_KEY_VAULT_KEY("key-encryption.type=azure-key-vault-key",
            "io.quarkiverse.dataprotection:data-protection-azure-keyvault",
            "io.quarkiverse.dataprotection.azure.keyvault.AzureKeyVaultKeyEncryption",
            "com.azure:azure-security-keyvault-keys",
            "com.azure.security.keyvault.keys.cryptography.CryptographyClient", "certificate or none");

    private final String setting;
    private final String artifact;
    private final String moduleClass;
    private final String sdkArtifact;
    private final String sdkClass;
    private final String alternatives;

    OptionalModule(String setting, String artifact, String moduleClass, String sdkArtifact, String sdkClass,
            String alternatives) {
        this.setting = setting;
        this.artifact = artifact;
        this.moduleClass = moduleClass;
        this.sdkArtifact = sdkArtifact;
        this.sdkClass = sdkClass;
        this.alternatives = alternatives;
    }

    /** The Maven coordinates (group:artifact) to add. */
    String artifact() {
        return artifact;
    }

    /**
     * @throws IllegalStateException naming the property, its value and the artifact to add
     */
    void require() {
        String property = ConfigErrors.PREFIX + setting;
        if (!present(moduleClass)) {
            throw new IllegalStateException(property + " needs the " + artifact + " artifact, which is not on the "
                    + "class path; add it as a dependency (same version as data-protection-cdi), or choose "
                    + alternatives);
        }
        if (!present(sdkClass)) {
            throw new IllegalStateException(property + ": " + artifact + " is on the class path but its dependency "
                    + sdkArtifact + " is not (excluded?); add " + sdkArtifact);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalModule.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
