package io.quarkiverse.dataprotection.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach Redis for the key store, independent of any configuration system: the Quarkus extension and the
 * portable CDI extension map their {@code quarkus.data-protection.redis.*} properties onto it, and
 * {@link RedissonClients#create} turns it into a client. Validation messages name those properties.
 *
 * @param mode standalone, sentinel or cluster ({@code quarkus.data-protection.redis.mode})
 * @param addresses {@code redis://host:port} or {@code rediss://host:port} (TLS) URIs, without credentials: the
 *        server (standalone), the sentinels (sentinel) or some cluster nodes (cluster)
 *        ({@code quarkus.data-protection.redis.hosts})
 * @param masterName the master's name as the sentinels know it; sentinel mode only
 *        ({@code quarkus.data-protection.redis.master-name})
 * @param username the ACL user name, or {@code null} ({@code quarkus.data-protection.redis.username})
 * @param password the password, or {@code null}; never printed by {@link #toString()}
 *        ({@code quarkus.data-protection.redis.password})
 * @param database the database number; always 0 in cluster mode ({@code quarkus.data-protection.redis.database})
 * @param connectTimeout how long to wait for a connection ({@code quarkus.data-protection.redis.connect-timeout})
 * @param responseTimeout how long to wait for one command's reply once sent
 * @param retryAttempts how often a failed command is retried before the store reports a failure
 */
public record RedisConnectionSettings(Mode mode, List<String> addresses, String masterName, String username,
        String password, int database, Duration connectTimeout, Duration responseTimeout, int retryAttempts) {

    static final String PREFIX = "quarkus.data-protection.redis.";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRY_ATTEMPTS = 3;

    /** How the Redis deployment is laid out. */
    public enum Mode {
        STANDALONE,
        SENTINEL,
        CLUSTER;

        /**
         * Parses a configured mode, ignoring case.
         *
         * @throws IllegalArgumentException naming the property and the accepted values
         */
        public static Mode parse(String value) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException(PREFIX + "mode has the unknown value '" + value
                    + "'; use standalone, sentinel or cluster");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RedisConnectionSettings {
        Objects.requireNonNull(mode, PREFIX + "mode");
        addresses = List.copyOf(Objects.requireNonNull(addresses, PREFIX + "hosts"));
        validateAddresses(mode, addresses);
        if (mode == Mode.SENTINEL && (masterName == null || masterName.isBlank())) {
            throw new IllegalArgumentException(PREFIX + "master-name is required in sentinel mode: set it to the "
                    + "name the sentinels monitor the master under (sentinel monitor <name> ...)");
        }
        if (mode != Mode.SENTINEL && masterName != null) {
            throw new IllegalArgumentException(PREFIX + "master-name is only used in sentinel mode, but mode is "
                    + mode + "; remove it or set " + PREFIX + "mode=sentinel");
        }
        if (database < 0) {
            throw new IllegalArgumentException(PREFIX + "database must be 0 or more, was " + database);
        }
        if (mode == Mode.CLUSTER && database != 0) {
            throw new IllegalArgumentException(PREFIX + "database must be 0 in cluster mode (Redis Cluster has only "
                    + "database 0), was " + database);
        }
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(responseTimeout, "response timeout");
        if (retryAttempts < 0) {
            throw new IllegalArgumentException("Redis retry attempts must be 0 or more, was " + retryAttempts);
        }
    }

    /** One standalone server, with default timeouts and no credentials. */
    public static RedisConnectionSettings standalone(String address) {
        return of(Mode.STANDALONE, List.of(address), null);
    }

    /** A master found through sentinels. */
    public static RedisConnectionSettings sentinel(String masterName, List<String> sentinelAddresses) {
        return of(Mode.SENTINEL, sentinelAddresses, masterName);
    }

    /** A cluster, found through any of its nodes. */
    public static RedisConnectionSettings cluster(List<String> nodeAddresses) {
        return of(Mode.CLUSTER, nodeAddresses, null);
    }

    private static RedisConnectionSettings of(Mode mode, List<String> addresses, String masterName) {
        return new RedisConnectionSettings(mode, addresses, masterName, null, null, 0, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_RESPONSE_TIMEOUT, DEFAULT_RETRY_ATTEMPTS);
    }

    public RedisConnectionSettings withCredentials(String username, String password) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts);
    }

    public RedisConnectionSettings withDatabase(int database) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts);
    }

    public RedisConnectionSettings withTimeouts(Duration connectTimeout, Duration responseTimeout, int retryAttempts) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts);
    }

    /** Whether any address uses TLS ({@code rediss://}). */
    public boolean tls() {
        return addresses.stream().anyMatch(address -> address.startsWith("rediss://"));
    }

    @Override
    public String toString() {
        return "RedisConnectionSettings[mode=" + mode + ", addresses=" + addresses
                + (masterName == null ? "" : ", masterName=" + masterName)
                + (username == null ? "" : ", username=" + username)
                + ", password=" + (password == null ? "(none)" : "***")
                + ", database=" + database + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + ", retryAttempts=" + retryAttempts + "]";
    }

    private static void validateAddresses(Mode mode, List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "hosts must name at least one Redis address, such as "
                    + "redis://localhost:6379");
        }
        if (mode == Mode.STANDALONE && addresses.size() != 1) {
            throw new IllegalArgumentException(PREFIX + "hosts must name exactly one address in standalone mode, "
                    + "but names " + addresses.size() + "; set " + PREFIX + "mode to sentinel or cluster to use several");
        }
        for (String address : addresses) {
            validateAddress(address);
        }
    }

    private static void validateAddress(String address) {
        String hint = "; write redis://host:port, or rediss://host:port for TLS";
        if (address == null || !(address.startsWith("redis://") || address.startsWith("rediss://"))) {
            throw new IllegalArgumentException(PREFIX + "hosts contains '" + address + "', which is not a Redis URI"
                    + hint);
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PREFIX + "hosts contains an invalid URI: " + e.getReason() + hint);
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in a URI end up in logs and exception messages; they have their own properties.
            throw new IllegalArgumentException(PREFIX + "hosts must not contain credentials (found user info in "
                    + uri.getScheme() + "://***@" + uri.getHost() + "); set " + PREFIX + "username and " + PREFIX
                    + "password instead");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException(PREFIX + "hosts contains '" + address + "' without a host and port"
                    + hint);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("Redis " + name + " must be positive, was " + value
                    + (name.equals("connect-timeout") ? "; set " + PREFIX + "connect-timeout, e.g. 10s" : ""));
        }
    }
}
