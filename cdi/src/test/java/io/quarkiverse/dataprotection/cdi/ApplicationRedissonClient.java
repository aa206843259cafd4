package io.quarkiverse.dataprotection.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.redisson.api.RedissonClient;

/** The application's own Redis client, as an application that already uses Redisson produces it. */
@Dependent
public class ApplicationRedissonClient {

    /** Set by the test before the container starts; the test shuts it down. */
    static volatile RedissonClient client;

    @Produces
    @Singleton
    RedissonClient client() {
        return client;
    }
}
