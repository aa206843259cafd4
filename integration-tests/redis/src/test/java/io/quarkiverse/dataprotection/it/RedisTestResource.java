package io.quarkiverse.dataprotection.it;

import java.time.Duration;
import java.util.Map;

import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkiverse.dataprotection.testing.RespClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real redis-server (test-support's launcher) on a free loopback port for the application under test, and
 * stops it afterwards. The port is also published as the system property {@value #PORT_PROPERTY} for the test code,
 * which runs in another class loader than this resource.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "data-protection.test.redis.port";

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServers.standalone();
        System.setProperty(PORT_PROPERTY, Integer.toString(redis.port()));
        return Map.of("quarkus.data-protection.redis.hosts", redis.uri(),
                "quarkus.data-protection.refresh-period", "1S");
    }

    @Override
    public void stop() {
        System.clearProperty(PORT_PROPERTY);
        if (redis != null) {
            redis.close();
        }
    }

    /** Sends one raw command to the test's Redis, as any other client (ASP.NET's StackExchange.Redis) would. */
    static Object command(String... command) {
        return RespClient.call("127.0.0.1", Integer.getInteger(PORT_PROPERTY), Duration.ofSeconds(5), command);
    }
}
