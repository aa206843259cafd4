package io.quarkiverse.dataprotection.testing;

import java.util.List;

/**
 * Starts real Redis servers for tests: each a {@code redis-server} child process bound to 127.0.0.1 on a free port,
 * in its own temporary directory, without persistence. Use them in try-with-resources (or close them in
 * {@code @AfterAll}):
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServers.standalone()) {
 *     config.useSingleServer().setAddress(redis.uri());
 *     redis.rpush("DataProtection-Keys", "<key .../>");
 * }
 * }</pre>
 *
 * Needs {@code redis-server} (and {@code redis-sentinel}, {@code redis-cli} for sentinel and cluster) on the PATH;
 * without them, starting throws an {@link IllegalStateException} that says how to install them.
 */
public final class RedisServers {

    private RedisServers() {
    }

    /** Whether {@code redis-server} can be found, for tests that prefer to skip rather than fail. */
    public static boolean installed() {
        return RedisExecutables.serverInstalled();
    }

    /** One standalone server, answering PING. */
    public static RedisServer standalone() {
        return RedisServer.start(RedisServer.Kind.SERVER, "standalone", false, port -> List.of());
    }

    /** A master, a replica and one sentinel, ready: the sentinel knows the master and the replica is in sync. */
    public static RedisSentinelGroup sentinel() {
        return RedisSentinelGroup.start();
    }

    /** A three-master cluster covering all 16384 slots, {@code cluster_state:ok} on every node. */
    public static RedisCluster cluster() {
        return RedisCluster.start();
    }
}
