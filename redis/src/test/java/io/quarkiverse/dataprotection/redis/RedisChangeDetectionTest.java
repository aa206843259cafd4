package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.RandomSource;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * With the constant-time version, a .NET instance's change is still seen by the version poll: a raw {@code RPUSH}
 * (no counter, no announcement) and an operator's {@code LREM} (the instance then restores the key it lost). It
 * refreshes only every hour otherwise.
 */
class RedisChangeDetectionTest {

    @Test
    @Timeout(60)
    void rawRpushAsDotNetWrites_andARawLrem_areSeenByThePoll() throws Exception {
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
            try (DataProtectionProvider provider = DataProtectionProvider.builder()
                    .repository(new RedisXmlRepository(client)).refreshPeriod(Duration.ofHours(1))
                    .changePollPeriod(Duration.ofMillis(100)).build()) {
                UUID id = UUID.randomUUID();
                Instant now = Instant.now();
                String xml = KeyXml.writeKey(id, now, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(91)),
                        AlgorithmConfiguration.DEFAULT, Secret.random(64, RandomSource.secure()), null);

                redis.rpush(RedisKeyNames.DEFAULT_LIST_KEY, xml);
                while (provider.status().keyCount() < 2) {
                    Thread.sleep(20);
                }
                assertThat(provider.keyManager().getAllKeys()).extracting(Key::id).contains(id);

                // A key within its lifetime removed behind the instance's back: seen, so restored as it was read
                redis.command("LREM", RedisKeyNames.DEFAULT_LIST_KEY, "1", xml);
                while (provider.status().lastKeyLoss().isEmpty()) {
                    Thread.sleep(20);
                }
                assertThat(redis.lrange(RedisKeyNames.DEFAULT_LIST_KEY)).contains(xml);
            } finally {
                client.shutdown();
            }
        }
    }
}
