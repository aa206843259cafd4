package io.quarkiverse.dataprotection.redis;

import java.time.Duration;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.DelayStrategy;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.SslVerificationMode;
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
 * reconnects;</li>
 * <li>pools and threads sized for a key ring, not for an application's data: {@link
 * RedisConnectionSettings#minimumIdleConnections()} to {@link RedisConnectionSettings#maximumConnections()} command
 * connections (Redisson: 24 to 64), one or two pub/sub connections (Redisson: 1 to 50), {@value #NETTY_THREADS} Netty
 * and {@value #THREADS} callback threads (Redisson: 32 and 16). Each idle connection costs a TCP handshake (and a TLS
 * one) at start and memory on the server for as long as the application runs;</li>
 * <li>the trust store and key store of {@link RedisConnectionSettings#tls()}, if any.</li>
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

    /** The connection name ({@code CLIENT SETNAME}) of every connection a created client opens. */
    public static final String CLIENT_NAME = "data-protection";

    /** Netty event loops: the store's traffic is a few commands a second, which one loop carries. */
    static final int NETTY_THREADS = 2;
    /** Threads that complete Redisson futures and deliver pub/sub messages (the store waits synchronously). */
    static final int THREADS = 2;
    /** Pub/sub needs one connection (the change channel); the second covers a resubscription while one closes. */
    static final int SUBSCRIPTION_CONNECTIONS = 2;

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
        config.setNettyThreads(NETTY_THREADS);
        config.setThreads(THREADS);
        switch (settings.mode()) {
            case STANDALONE:
                SingleServerConfig single = config.useSingleServer()
                        .setAddress(settings.addresses().get(0))
                        .setDatabase(settings.database())
                        .setConnectionMinimumIdleSize(settings.minimumIdleConnections())
                        .setConnectionPoolSize(settings.maximumConnections())
                        .setSubscriptionConnectionMinimumIdleSize(1)
                        .setSubscriptionConnectionPoolSize(SUBSCRIPTION_CONNECTIONS);
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
                pools(sentinel, settings);
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
                pools(cluster, settings);
                common(cluster, settings);
                break;
            default:
                throw new IllegalArgumentException("Unknown Redis mode " + settings.mode());
        }
        return config;
    }

    private static void pools(BaseMasterSlaveServersConfig<?> servers, RedisConnectionSettings settings) {
        // Reads go to the master; replicas only need a connection for Redisson's own health checks.
        servers.setMasterConnectionMinimumIdleSize(settings.minimumIdleConnections())
                .setMasterConnectionPoolSize(settings.maximumConnections())
                .setSlaveConnectionMinimumIdleSize(Math.min(1, settings.minimumIdleConnections()))
                .setSlaveConnectionPoolSize(Math.min(2, settings.maximumConnections()))
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(SUBSCRIPTION_CONNECTIONS);
    }

    private static void common(BaseConfig<?> server, RedisConnectionSettings settings) {
        server.setConnectTimeout(millis(settings.connectTimeout()))
                .setTimeout(millis(settings.responseTimeout()))
                .setRetryAttempts(settings.retryAttempts())
                .setRetryDelay(new ConstantDelay(settings.retryInterval()))
                .setReconnectionDelay(reconnectionDelay())
                // Operators find the key ring's connections in CLIENT LIST by this name.
                .setClientName(CLIENT_NAME);
        RedisTls tls = settings.tls();
        if (tls != null) {
            if (tls.trustManagers() != null) {
                server.setSslTrustManagerFactory(tls.trustManagers());
            }
            if (tls.keyManagers() != null) {
                server.setSslKeyManagerFactory(tls.keyManagers());
            }
            server.setSslVerificationMode(tls.verifyHostname() ? SslVerificationMode.STRICT : SslVerificationMode.CA_ONLY);
        }
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
