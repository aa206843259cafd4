package io.quarkiverse.dataprotection.redis.runtime;

import java.util.Map;
import java.util.Optional;

import io.quarkiverse.dataprotection.InvalidSettingException;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisTls;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.credentials.runtime.CredentialsProviderFinder;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Maps {@code quarkus.data-protection.redis.*} onto {@link RedisConnectionSettings}, whose validation names the
 * property and the fix: user and password from the configuration or a Quarkus credentials provider, TLS stores from
 * files (a TLS registry configuration is resolved by {@link RedisTlsRegistry}). Stateless.
 */
final class RedisSettingsMapper {

    /** The components of {@code RedisConnectionSettings} and {@code RedisTls}, and the list key, by property. */
    static final Map<String, String> PROPERTIES = Map.ofEntries(Map.entry("mode", "redis.mode"),
            Map.entry("addresses", "redis.hosts"), Map.entry("masterName", "redis.master-name"),
            Map.entry("username", "redis.username"), Map.entry("password", "redis.password"),
            Map.entry("database", "redis.database"), Map.entry("connectTimeout", "redis.connect-timeout"),
            Map.entry("responseTimeout", "redis.command-timeout"), Map.entry("retryAttempts", "redis.retry-attempts"),
            Map.entry("retryInterval", "redis.retry-interval"),
            Map.entry("minimumIdleConnections", "redis.pool.min-idle"),
            Map.entry("maximumConnections", "redis.pool.max-size"),
            Map.entry("tls", "redis.tls.trust-store.path (or redis.tls-configuration-name)"),
            Map.entry("trustStore", "redis.tls.trust-store.path"),
            Map.entry("trustStorePassword", "redis.tls.trust-store.password"),
            Map.entry("trustStoreType", "redis.tls.trust-store.type"),
            Map.entry("keyStore", "redis.tls.key-store.path"),
            Map.entry("keyStorePassword", "redis.tls.key-store.password"),
            Map.entry("keyStoreType", "redis.tls.key-store.type"), Map.entry("listKey", "redis.list-key"));

    private RedisSettingsMapper() {
    }

    /**
     * The settings, with {@code tls} from the TLS registry if one was resolved there.
     *
     * @throws ConfigurationException naming the property to fix
     */
    static RedisConnectionSettings settings(DataProtectionRedisConfig redis, Optional<RedisTls> registryTls) {
        Credentials credentials = credentials(redis);
        return translated(() -> new RedisConnectionSettings(RedisConnectionSettings.Mode.valueOf(redis.mode().name()),
                redis.hosts().orElseThrow(), redis.masterName().orElse(null), credentials.user(),
                credentials.password(), redis.database(), redis.connectTimeout(), redis.commandTimeout(),
                redis.retryAttempts(), redis.retryInterval(), redis.pool().minIdle(), redis.pool().maxSize(),
                registryTls.orElseGet(() -> fileTls(redis))));
    }

    /** The TLS stores of {@code redis.tls.*}, or {@code null} when none is configured. */
    static RedisTls fileTls(DataProtectionRedisConfig redis) {
        DataProtectionRedisConfig.Store trust = redis.tls().trustStore();
        DataProtectionRedisConfig.Store key = redis.tls().keyStore();
        RedisTls tls = trust.path().map(path -> RedisTls.trustStore(path, trust.password().orElse(null),
                trust.type().orElse(null))).orElse(null);
        if (key.path().isPresent()) {
            tls = tls == null ? RedisTls.keyStore(key.path().get(), key.password().orElse(null), key.type().orElse(null))
                    : tls.withKeyStore(key.path().get(), key.password().orElse(null), key.type().orElse(null));
        }
        return tls;
    }

    /** The user and password: the credentials provider's entries take precedence over the configured ones. */
    static Credentials credentials(DataProtectionRedisConfig redis) {
        String user = redis.username().orElse(null);
        String password = redis.password().orElse(null);
        if (redis.credentialsProvider().isEmpty()) {
            if (redis.credentialsProviderName().isPresent()) {
                throw ConfigErrors.missing("redis.credentials-provider", "quarkus.data-protection.redis."
                        + "credentials-provider-name is set, but the provider is only asked when "
                        + "credentials-provider names the credentials to ask for; set it, or remove the name");
            }
            return new Credentials(user, password);
        }
        String key = redis.credentialsProvider().get();
        CredentialsProvider provider = CredentialsProviderFinder.find(redis.credentialsProviderName().orElse(null));
        Map<String, String> found = provider.getCredentials(key);
        if (found == null || found.get(CredentialsProvider.PASSWORD_PROPERTY_NAME) == null) {
            throw ConfigErrors.invalid("redis.credentials-provider", key, "the credentials provider "
                    + provider.getClass().getName() + " returned no '" + CredentialsProvider.PASSWORD_PROPERTY_NAME
                    + "' entry for it; check the name it stores the Redis password under");
        }
        return new Credentials(found.getOrDefault(CredentialsProvider.USER_PROPERTY_NAME, user),
                found.get(CredentialsProvider.PASSWORD_PROPERTY_NAME));
    }

    static <T> T translated(java.util.function.Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (InvalidSettingException e) {
            throw ConfigErrors.translate(e, PROPERTIES);
        }
    }

    /** A user (or {@code null}) and password (or {@code null}); {@link #toString()} hides the password. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=" + (password == null ? "(none)" : "***") + "]";
        }
    }
}
