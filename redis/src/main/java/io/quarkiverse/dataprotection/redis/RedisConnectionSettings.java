package io.quarkiverse.dataprotection.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.quarkiverse.dataprotection.InvalidSettingException;

/**
 * How to reach Redis for the key store, independent of any configuration system: the Quarkus extension and the
 * portable CDI extension map their {@code quarkus.data-protection.redis.*} properties onto it, and
 * {@link RedissonClients#create} turns it into a client. The constructor checks every rule once and throws
 * {@link InvalidSettingException} naming the record component, which adapters translate into their property names.
 * <p>
 * Immutable. {@link #toString()} never prints the password.
 *
 * @param mode standalone, sentinel or cluster
 * @param addresses {@code redis://host:port} or {@code rediss://host:port} (TLS) URIs, without credentials: the
 *        server (standalone), the sentinels (sentinel) or some cluster nodes (cluster)
 * @param masterName the master's name as the sentinels know it; sentinel mode only
 * @param username the ACL user name, or {@code null}
 * @param password the password, or {@code null}
 * @param database the database number; always 0 in cluster mode
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for one command's reply once sent
 * @param retryAttempts how often a failed command is retried before the store reports a failure
 * @param retryInterval how long to wait before each retry of a failed command
 * @param minimumIdleConnections command connections kept open to each server (the master in sentinel and cluster
 *        mode); 0 opens them on demand
 * @param maximumConnections the most command connections to each server; pub/sub uses one more
 * @param tls the trust store and key store for {@code rediss://} addresses, or {@code null} for the JVM's default
 *        trust and no client certificate
 */
public record RedisConnectionSettings(Mode mode, List<String> addresses, String masterName, String username,
        String password, int database, Duration connectTimeout, Duration responseTimeout, int retryAttempts,
        Duration retryInterval, int minimumIdleConnections, int maximumConnections, RedisTls tls) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRY_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(500);
    /**
     * One idle connection: the key ring is read once per refresh and polled once a second, so one connection
     * carries all of it (Redisson's default of 24 per server costs start-up time and server memory for nothing).
     */
    public static final int DEFAULT_MINIMUM_IDLE_CONNECTIONS = 1;
    /** Enough for a refresh, a key creation and an unknown-key read at once (Redisson's default is 64). */
    public static final int DEFAULT_MAXIMUM_CONNECTIONS = 4;

    /** How the Redis deployment is laid out. */
    public enum Mode {
        STANDALONE,
        SENTINEL,
        CLUSTER;

        /**
         * Parses a configured mode, ignoring case.
         *
         * @throws InvalidSettingException naming {@code mode} and the accepted values
         */
        public static Mode parse(String value) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return mode;
                }
            }
            throw InvalidSettingException.invalid("mode", value, "use standalone, sentinel or cluster");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RedisConnectionSettings {
        Objects.requireNonNull(mode, "mode");
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        validateAddresses(mode, addresses);
        if (mode == Mode.SENTINEL && (masterName == null || masterName.isBlank())) {
            throw InvalidSettingException.missing("masterName", "it is required in sentinel mode: set it to the name "
                    + "the sentinels monitor the master under (sentinel monitor <name> ...)");
        }
        if (mode != Mode.SENTINEL && masterName != null) {
            throw InvalidSettingException.invalid("masterName", masterName, "it is only used in sentinel mode, but "
                    + "{mode} is " + mode + "; remove it or set {mode} to sentinel");
        }
        if (database < 0) {
            throw InvalidSettingException.invalid("database", database, "it must be 0 or more");
        }
        if (mode == Mode.CLUSTER && database != 0) {
            throw InvalidSettingException.invalid("database", database, "it must be 0 in cluster mode (Redis Cluster "
                    + "has only database 0); remove it");
        }
        InvalidSettingException.requirePositive("connectTimeout", connectTimeout, "PT10S");
        InvalidSettingException.requirePositive("responseTimeout", responseTimeout, "PT3S");
        if (retryAttempts < 0) {
            throw InvalidSettingException.invalid("retryAttempts", retryAttempts, "it must be 0 or more");
        }
        InvalidSettingException.requirePositive("retryInterval", retryInterval, "PT0.5S");
        validatePool(minimumIdleConnections, maximumConnections);
        if (tls != null && addresses.stream().noneMatch(address -> address.startsWith("rediss://"))) {
            throw InvalidSettingException.invalid("tls", "a trust store or key store", "TLS is only used with "
                    + "rediss:// addresses, but {addresses} are all redis://; write rediss://host:port, or remove the "
                    + "TLS settings");
        }
    }

    /** The settings before pools, retry interval and TLS were configurable, with their defaults. */
    public RedisConnectionSettings(Mode mode, List<String> addresses, String masterName, String username,
            String password, int database, Duration connectTimeout, Duration responseTimeout, int retryAttempts) {
        this(mode, addresses, masterName, username, password, database, connectTimeout, responseTimeout, retryAttempts,
                DEFAULT_RETRY_INTERVAL, DEFAULT_MINIMUM_IDLE_CONNECTIONS, DEFAULT_MAXIMUM_CONNECTIONS, null);
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
                responseTimeout, retryAttempts, retryInterval, minimumIdleConnections, maximumConnections, tls);
    }

    public RedisConnectionSettings withDatabase(int database) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts, retryInterval, minimumIdleConnections, maximumConnections, tls);
    }

    public RedisConnectionSettings withTimeouts(Duration connectTimeout, Duration responseTimeout, int retryAttempts) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts, retryInterval, minimumIdleConnections, maximumConnections, tls);
    }

    public RedisConnectionSettings withRetryInterval(Duration retryInterval) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts, retryInterval, minimumIdleConnections, maximumConnections, tls);
    }

    public RedisConnectionSettings withPool(int minimumIdleConnections, int maximumConnections) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts, retryInterval, minimumIdleConnections, maximumConnections, tls);
    }

    public RedisConnectionSettings withTls(RedisTls tls) {
        return new RedisConnectionSettings(mode, addresses, masterName, username, password, database, connectTimeout,
                responseTimeout, retryAttempts, retryInterval, minimumIdleConnections, maximumConnections, tls);
    }

    /** Whether any address uses TLS ({@code rediss://}). */
    public boolean usesTls() {
        return addresses.stream().anyMatch(address -> address.startsWith("rediss://"));
    }

    @Override
    public String toString() {
        return "RedisConnectionSettings[mode=" + mode + ", addresses=" + addresses
                + (masterName == null ? "" : ", masterName=" + masterName)
                + (username == null ? "" : ", username=" + username)
                + ", password=" + (password == null ? "(none)" : "***")
                + ", database=" + database + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + ", retryAttempts=" + retryAttempts
                + ", retryInterval=" + retryInterval + ", connections=" + minimumIdleConnections + ".."
                + maximumConnections + (tls == null ? "" : ", tls=" + tls) + "]";
    }

    private static void validatePool(int minimumIdle, int maximum) {
        if (minimumIdle < 0) {
            throw InvalidSettingException.invalid("minimumIdleConnections", minimumIdle, "it must be 0 or more");
        }
        if (maximum < 1) {
            throw InvalidSettingException.invalid("maximumConnections", maximum, "it must be 1 or more; "
                    + DEFAULT_MAXIMUM_CONNECTIONS + " serves a key ring");
        }
        if (minimumIdle > maximum) {
            throw InvalidSettingException.invalid("minimumIdleConnections", minimumIdle, "it must not exceed "
                    + "{maximumConnections} (" + maximum + "); lower it or raise {maximumConnections}");
        }
    }

    private static void validateAddresses(Mode mode, List<String> addresses) {
        if (addresses.isEmpty()) {
            throw InvalidSettingException.missing("addresses", "name at least one Redis address, such as "
                    + "redis://localhost:6379");
        }
        if (mode == Mode.STANDALONE && addresses.size() != 1) {
            throw InvalidSettingException.invalid("addresses", addresses.size() + " addresses", "standalone mode "
                    + "needs exactly one address; set {mode} to sentinel or cluster to use several");
        }
        for (String address : addresses) {
            validateAddress(address);
        }
    }

    private static void validateAddress(String address) {
        String hint = "write redis://host:port, or rediss://host:port for TLS";
        if (address == null || !(address.startsWith("redis://") || address.startsWith("rediss://"))) {
            throw InvalidSettingException.invalid("addresses", "'" + address + "'", "not a Redis URI; " + hint);
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            // The reason, not the input: the URI may hold a password that did not parse as user info.
            throw InvalidSettingException.invalid("addresses", "(an invalid URI)", e.getReason() + "; " + hint);
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in a URI end up in logs and exception messages; they have their own components.
            throw InvalidSettingException.invalid("addresses", uri.getScheme() + "://***@" + uri.getHost(),
                    "an address must not contain credentials; set {username} and {password} instead");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw InvalidSettingException.invalid("addresses", "'" + address + "'", "it has no host and port; "
                    + hint);
        }
    }
}
