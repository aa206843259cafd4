package io.quarkiverse.dataprotection.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real redis-server on a free loopback port for the application under test and stops it afterwards. The
 * port is also published as the system property {@value #PORT_PROPERTY} for the test code, which runs in another
 * class loader (or, for integration tests, another JVM than the application).
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "data-protection.test.redis.port";

    private TestRedis redis;

    @Override
    public Map<String, String> start() {
        redis = TestRedis.start();
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

    static RespClient client() {
        return new RespClient("127.0.0.1", Integer.getInteger(PORT_PROPERTY));
    }
}
