package io.quarkiverse.dataprotection.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.RawStore;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.testing.RedisServer;

/** A Redis list as a {@link RawStore}: each {@link #newStore()} has its own client, closed with this. */
final class RedisRawStore extends RawStore {

    private final RedisServer redis;
    private final String listKey;
    private final List<RedissonClient> clients = new CopyOnWriteArrayList<>();

    RedisRawStore(RedisServer redis, String listKey) {
        super("redis");
        this.redis = redis;
        this.listKey = listKey;
    }

    @Override
    public VersionedXmlRepository newStore() {
        RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
        clients.add(client);
        return new RedisXmlRepository(client, listKey);
    }

    @Override
    public void append(String name, String xml) {
        redis.rpush(listKey, xml);
    }

    @Override
    public void remove(String name, String xml) {
        redis.command("LREM", listKey, "1", xml);
    }

    @Override
    public List<String> entries() {
        return redis.lrange(listKey);
    }

    @Override
    public void wipe() {
        redis.command("DEL", listKey);
    }

    @Override
    public void close() {
        clients.forEach(RedissonClient::shutdown);
    }
}
