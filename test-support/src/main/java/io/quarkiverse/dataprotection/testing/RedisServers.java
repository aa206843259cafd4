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
        return standalone(new String[0]);
    }

    /**
     * One standalone server with extra {@code redis.conf} lines, such as {@code "requirepass s3cret"} or
     * {@code "user app on >pw ~* +@all"}. With a password set, {@link RedisServer#command} needs an {@code AUTH}
     * first; use {@link RespClient} directly with one.
     */
    public static RedisServer standalone(String... configLines) {
        List<String> lines = List.of(configLines);
        return RedisServer.start(RedisServer.Kind.SERVER, "standalone", false, port -> lines);
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
