package io.quarkiverse.dataprotection.cdi;

import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;

/**
 * The only class of the portable extension that touches Redisson (an optional dependency), so applications using
 * the file or memory store never need it on the class path.
 */
final class RedisStores {

    private RedisStores() {
    }

    /** A provider over a Redis key store whose client it creates, owns and shuts down on close. */
    static DataProtectionProvider createProvider(DataProtectionProviderBuilder builder,
            RedisConnectionSettings settings, String listKey) {
        RedissonClient client = RedissonClients.create(settings);
        try {
            DataProtectionProvider provider = builder.repository(new RedisXmlRepository(client, listKey)).build();
            return new OwningDataProtectionProvider(provider, client::shutdown);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }
}
