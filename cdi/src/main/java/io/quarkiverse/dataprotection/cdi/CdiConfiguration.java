package io.quarkiverse.dataprotection.cdi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.keys.KeyPolicy;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * The portable extension's configuration, read from MicroProfile Config with the Quarkus extension's property
 * names:
 * <ul>
 * <li>{@code quarkus.data-protection.application-name}: the root of every purpose chain (optional);</li>
 * <li>{@code quarkus.data-protection.key-store}: {@code file} (default), {@code redis} or {@code memory};</li>
 * <li>{@code quarkus.data-protection.file.directory}: default
 * {@code ${user.home}/.local/share/quarkus-data-protection/keys};</li>
 * <li>{@code quarkus.data-protection.key-lifetime}, {@code quarkus.data-protection.refresh-period}: durations as
 * ISO-8601 ({@code P90D}) or the Quarkus short form ({@code 90d}, {@code 5m}, {@code 30s}, {@code 500ms}, a bare
 * number of seconds);</li>
 * <li>{@code quarkus.data-protection.redis.hosts}, {@code .mode}, {@code .master-name}, {@code .username},
 * {@code .password}, {@code .database}, {@code .connect-timeout}, {@code .list-key}: see
 * {@link RedisConnectionSettings}.</li>
 * </ul>
 * Reading validates everything that can be checked without touching the store; messages name the property.
 *
 * @param applicationName the application name, or {@code null}
 * @param keyStore which store
 * @param fileDirectory the directory of the file store
 * @param keyLifetime the key lifetime, or {@code null} for the default
 * @param refreshPeriod the refresh period, or {@code null} for the default
 * @param redis how to reach Redis; {@code null} unless the store is Redis
 * @param listKey the Redis list key
 */
record CdiConfiguration(String applicationName, StoreKind keyStore, Path fileDirectory, Duration keyLifetime,
        Duration refreshPeriod, RedisConnectionSettings redis, String listKey) {

    static final String PREFIX = "quarkus.data-protection.";
    private static final Pattern SECONDS = Pattern.compile("\\d+");
    private static final Pattern MILLIS = Pattern.compile("(\\d+)ms", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAYS = Pattern.compile("\\d+d", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("\\d+(\\.\\d+)?[hms]", Pattern.CASE_INSENSITIVE);

    /** The key stores the portable extension can build. */
    enum StoreKind {
        FILE,
        REDIS,
        MEMORY;

        static StoreKind parse(String value) {
            for (StoreKind kind : values()) {
                if (kind.name().equalsIgnoreCase(value.trim())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(PREFIX + "key-store has the unknown value '" + value
                    + "'; use file, redis or memory");
        }
    }

    /**
     * Reads and validates the configuration.
     *
     * @throws IllegalArgumentException naming the property, the value and the fix
     */
    static CdiConfiguration read(Config config) {
        String applicationName = string(config, "application-name").orElse(null);
        StoreKind kind = string(config, "key-store").map(StoreKind::parse).orElse(StoreKind.FILE);
        Path directory = string(config, "file.directory").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".local", "share",
                        "quarkus-data-protection", "keys"));
        Duration keyLifetime = duration(config, "key-lifetime").orElse(null);
        if (keyLifetime != null) {
            try {
                KeyPolicy.DEFAULT.withKeyLifetime(keyLifetime);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + "key-lifetime: " + e.getMessage(), e);
            }
        }
        Duration refreshPeriod = duration(config, "refresh-period").orElse(null);
        if (refreshPeriod != null && (refreshPeriod.isZero() || refreshPeriod.isNegative())) {
            throw new IllegalArgumentException(PREFIX + "refresh-period must be positive, was " + refreshPeriod);
        }
        String listKey = RedisKeyNames.listKey(string(config, "redis.list-key").orElse(RedisKeyNames.DEFAULT_LIST_KEY));
        RedisConnectionSettings redis = kind == StoreKind.REDIS ? redis(config) : null;
        return new CdiConfiguration(applicationName, kind, directory, keyLifetime, refreshPeriod, redis, listKey);
    }

    /** Builds the provider; it owns the Redis client it creates and shuts it down when closed. */
    DataProtectionProvider createProvider() {
        DataProtectionProviderBuilder builder = DataProtectionProvider.builder().applicationName(applicationName);
        if (keyLifetime != null) {
            builder.keyLifetime(keyLifetime);
        }
        if (refreshPeriod != null) {
            builder.refreshPeriod(refreshPeriod);
        }
        switch (keyStore) {
            case MEMORY:
                return builder.repository(new InMemoryXmlRepository()).build();
            case FILE:
                return builder.repository(new FileSystemXmlRepository(fileDirectory)).build();
            case REDIS:
                // Only this branch touches Redisson, which is optional.
                return RedisStores.createProvider(builder, redis, listKey);
            default:
                throw new IllegalStateException("Unknown key store " + keyStore);
        }
    }

    private static RedisConnectionSettings redis(Config config) {
        List<String> hosts = config.getOptionalValues(PREFIX + "redis.hosts", String.class)
                .orElseThrow(() -> new IllegalArgumentException(PREFIX + "redis.hosts is required when " + PREFIX
                        + "key-store=redis; set it to the Redis address, such as redis://localhost:6379"));
        RedisConnectionSettings.Mode mode = string(config, "redis.mode").map(RedisConnectionSettings.Mode::parse)
                .orElse(RedisConnectionSettings.Mode.STANDALONE);
        int database;
        try {
            database = string(config, "redis.database").map(String::trim).map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "redis.database must be a number, such as 0", e);
        }
        return new RedisConnectionSettings(mode, hosts.stream().map(String::trim).toList(),
                string(config, "redis.master-name").orElse(null),
                string(config, "redis.username").orElse(null),
                string(config, "redis.password").orElse(null),
                database,
                duration(config, "redis.connect-timeout").orElse(RedisConnectionSettings.DEFAULT_CONNECT_TIMEOUT),
                RedisConnectionSettings.DEFAULT_RESPONSE_TIMEOUT,
                RedisConnectionSettings.DEFAULT_RETRY_ATTEMPTS);
    }

    private static Optional<String> string(Config config, String name) {
        return config.getOptionalValue(PREFIX + name, String.class).filter(value -> !value.isBlank());
    }

    private static Optional<Duration> duration(Config config, String name) {
        return string(config, name).map(value -> parseDuration(PREFIX + name, value));
    }

    /**
     * ISO-8601 or the Quarkus short forms: {@code 30} (seconds), {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
     * {@code 90d}.
     */
    static Duration parseDuration(String property, String value) {
        String text = value.trim();
        try {
            if (SECONDS.matcher(text).matches()) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            var millis = MILLIS.matcher(text);
            if (millis.matches()) {
                return Duration.ofMillis(Long.parseLong(millis.group(1)));
            }
            if (DAYS.matcher(text).matches()) {
                return Duration.parse("P" + text.toUpperCase(Locale.ROOT));
            }
            if (TIME.matcher(text).matches()) {
                return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
            }
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(property + " has the invalid duration '" + value
                + "'; use a form such as 90d, 5m, 30s, 500ms or ISO-8601 such as PT5M");
    }
}
