package io.quarkiverse.dataprotection.redis.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.redisson.Redisson;

import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;

/** Gets Redis ready during start-up, before the data protection service needs it. */
@Recorder
public class RedisStartRecorder {

    private static final Logger LOG = Logger.getLogger(RedisStartRecorder.class);

    /**
     * Loads and initialises Redisson's and Netty's classes on a background thread while Quarkus' static
     * initialisation runs on the main thread (JVM mode only): a lazily connecting client for a placeholder address is
     * created and shut down again, which connects nowhere but runs the same class initialisation the real client needs
     * once the run-time configuration (the address) is known.
     */
    public void preload() {
        Thread preload = new Thread(() -> {
            try {
                Redisson.create(RedissonClients.config(RedisConnectionSettings.standalone("redis://127.0.0.1:6379")
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)))
                        .shutdown(0, 1, TimeUnit.SECONDS);
            } catch (RuntimeException | LinkageError e) {
                LOG.debugf("Preloading Redisson failed; the client is created without it: %s", e);
            }
        }, "data-protection-redis-preload");
        preload.setDaemon(true);
        preload.start();
    }

    /** Hands the client creation and first connection to a background thread (see RedisRepositoryFactory). */
    public void connectEarly() {
        Arc.container().instance(RedisRepositoryFactory.class).get().connectEarly();
    }
}
