package io.quarkiverse.dataprotection.redis.runtime;

/** How the Redis hosts of {@code quarkus.data-protection.redis.hosts} are used. */
public enum RedisMode {
    /** One server: exactly one host. */
    STANDALONE,
    /** Sentinels that know the master named by {@code quarkus.data-protection.redis.master-name}. */
    SENTINEL,
    /** Redis Cluster: the hosts are seed nodes. */
    CLUSTER
}
