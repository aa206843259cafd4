package io.quarkiverse.dataprotection.testing;

/**
 * Run in a separate JVM by {@link RedisServersTest}: starts a server, prints its port and directory, then waits to be killed.
 */
public final class OrphanProbe {

    public static void main(String[] args) throws InterruptedException {
        RedisServer redis = RedisServers.standalone();
        System.out.println(redis.port());
        System.out.println(redis.directory());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
