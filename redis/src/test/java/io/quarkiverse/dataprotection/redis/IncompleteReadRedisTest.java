package io.quarkiverse.dataprotection.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.quarkiverse.dataprotection.RawStore;
import io.quarkiverse.dataprotection.internal.keyring.IncompleteReadContract;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** {@link IncompleteReadContract} on a Redis list of a real redis-server. */
class IncompleteReadRedisTest extends IncompleteReadContract {

    static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServers.standalone();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected RawStore newRawStore(String name) {
        return new RedisRawStore(redis, "list-" + name);
    }
}
