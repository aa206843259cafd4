package io.quarkiverse.dataprotection.redis;

import java.time.Duration;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.DelayStrategy;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.SubscriptionMode;

/**
 * Builds Redisson clients for the key store from {@link RedisConnectionSettings}, for applications that do not bring
 * their own {@link RedissonClient}. Whoever calls {@link #create} owns the client and shuts it down.
 * <p>
 * The configuration:
 * <ul>
 * <li>lazy initialization: the client connects on first use, so an application starts while Redis is down and
 * the key ring recovers once Redis is back;</li>
 * <li>{@link StringCodec} as the default codec, so nothing is ever written in Redisson's binary format;</li>
 * <li>reads and subscriptions on the master in sentinel and cluster mode: a key just created must be visible to
 * the next read, which a lagging replica cannot promise;</li>
 * <li>with fewer than two sentinels, Redisson's check for at least two is turned off;</li>
 * <li>in cluster mode, Redisson's slot-coverage check is off: the client connects to the masters that answer, and
 * the key store works as soon as the master of the list's slot does (until then reads fail and the key ring is
 * not ready) instead of the first command blocking while any master is down;</li>
 * <li>TLS when the addresses are {@code rediss://} (Redisson derives it from the scheme), with host name
 * verification;</li>
 * <li>a reconnection delay bounded by {@link #MAX_RECONNECTION_DELAY} for every attempt (see
 * {@link ReconnectionDelay}): Redisson 3.52's default overflows after about six minutes of outage and then never
 * reconnects.</li>
 * </ul>
 */
public final class RedissonClients {

    /** The first reconnection attempt waits 50 to 100 ms; each further attempt doubles that, up to the cap. */
    static final Duration RECONNECTION_BASE_DELAY = Duration.ofMillis(100);

    /**
     * The longest wait between two reconnection attempts (1 to 2 s with jitter): a client reconnects within about
     * 2 s of Redis coming back, however long it was away.
     */
    public static final Duration MAX_RECONNECTION_DELAY = Duration.ofSeconds(2);

    private RedissonClients() {
    }

    /** A new, lazily connecting client. The caller must {@link RedissonClient#shutdown()} it. */
    public static RedissonClient create(RedisConnectionSettings settings) {
        return Redisson.create(config(settings));
    }

    /**
     * The reconnection delay {@link #create} configures (exponential from 100 ms, capped at
     * {@link #MAX_RECONNECTION_DELAY}, bounded for any number of attempts), for applications that build their own
     * {@link RedissonClient}: {@code config.useSingleServer().setReconnectionDelay(RedissonClients.reconnectionDelay())}.
     * Redisson 3.52's default stops reconnecting after about six minutes of outage.
     */
    public static DelayStrategy reconnectionDelay() {
        return new ReconnectionDelay(RECONNECTION_BASE_DELAY, MAX_RECONNECTION_DELAY);
    }

    /** The Redisson configuration {@link #create} uses, for callers that want to adjust it first. */
    public static Config config(RedisConnectionSettings settings) {
        Config config = new Config();
        config.setLazyInitialization(true);
        config.setCodec(StringCodec.INSTANCE);
        switch (settings.mode()) {
            case STANDALONE:
                SingleServerConfig single = config.useSingleServer()
                        .setAddress(settings.addresses().get(0))
                        .setDatabase(settings.database());
                common(single, settings);
                break;
            case SENTINEL:
                SentinelServersConfig sentinel = config.useSentinelServers()
                        .setMasterName(settings.masterName())
                        .setDatabase(settings.database())
                        .setCheckSentinelsList(settings.addresses().size() >= 2)
                        .setReadMode(ReadMode.MASTER)
                        .setSubscriptionMode(SubscriptionMode.MASTER);
                sentinel.setSentinelAddresses(settings.addresses());
                common(sentinel, settings);
                break;
            case CLUSTER:
                ClusterServersConfig cluster = config.useClusterServers()
                        .setReadMode(ReadMode.MASTER)
                        .setSubscriptionMode(SubscriptionMode.MASTER)
                        // With the check, the first command waits until every slot is served: start-up blocked
                        // without limit while any master was down, although the list lives in one slot.
                        .setCheckSlotsCoverage(false);
                cluster.setNodeAddresses(settings.addresses());
                common(cluster, settings);
                break;
            default:
                throw new IllegalArgumentException("Unknown Redis mode " + settings.mode());
        }
        return config;
    }

    private static void common(BaseConfig<?> server, RedisConnectionSettings settings) {
        server.setConnectTimeout(millis(settings.connectTimeout()))
                .setTimeout(millis(settings.responseTimeout()))
                .setRetryAttempts(settings.retryAttempts())
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(500)))
                .setReconnectionDelay(reconnectionDelay());
        if (settings.username() != null) {
            server.setUsername(settings.username());
        }
        if (settings.password() != null) {
            server.setPassword(settings.password());
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
