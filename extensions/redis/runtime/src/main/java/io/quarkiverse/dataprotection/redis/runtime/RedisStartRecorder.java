package io.quarkiverse.dataprotection.redis.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;

/** Starts the Redis connection during runtime initialisation, before the data protection service needs it. */
@Recorder
public class RedisStartRecorder {

    /** Hands the client creation and first connection to a background thread (see RedisRepositoryFactory). */
    public void connectEarly() {
        Arc.container().instance(RedisRepositoryFactory.class).get().connectEarly();
    }
}
