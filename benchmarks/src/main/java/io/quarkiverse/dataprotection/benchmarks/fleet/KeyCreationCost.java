package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * {@code KeyManager.createNewKey} at 10 and at 10,000 keys on Redis (loopback) and on the file store, in one run:
 * the median of 30 creations each, on a provider that already read the ring. The read of the ring that follows a
 * creation (on the next protect, or the next refresh) is not part of it: that is one read, O(ring), whatever a
 * creation costs.
 */
public final class KeyCreationCost {

    /** Each size twice, alternated; the lower median of the two counts (the first pass also warms the JIT up). */
    private static final int[] SIZES = { 10, 10_000, 10, 10_000 };
    private static final int CREATIONS = 30;

    private KeyCreationCost() {
    }

    public static void main(String[] args) throws Exception {
        Fleet.quiet();
        List<String> xmls = Fleet.keyXmls(10_000, null);
        double[][] results = { { Double.MAX_VALUE, Double.MAX_VALUE }, { Double.MAX_VALUE, Double.MAX_VALUE } };
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
            try {
                for (int s = 0; s < SIZES.length; s++) {
                    List<String> ring = xmls.subList(xmls.size() - SIZES[s], xmls.size());
                    redis.flushAll();
                    for (int i = 0; i < ring.size(); i += 500) {
                        redis.rpush(RedisKeyNames.DEFAULT_LIST_KEY,
                                ring.subList(i, Math.min(ring.size(), i + 500)).toArray(String[]::new));
                    }
                    results[0][s % 2] = Math.min(results[0][s % 2], median(() -> new RedisXmlRepository(client)));
                    Path dir = Fleet.writeFiles(Files.createTempDirectory("creation-cost"), ring);
                    try {
                        results[1][s % 2] = Math.min(results[1][s % 2], median(() -> new FileSystemXmlRepository(dir)));
                    } finally {
                        Fleet.deleteTree(dir);
                    }
                }
            } finally {
                client.shutdown();
            }
        }
        System.out.println("| store | createNewKey at 10 keys (ms) | at 10,000 keys (ms) | ratio |");
        System.out.println("|---|---:|---:|---:|");
        String[] names = { "Redis (loopback)", "file store" };
        for (int i = 0; i < 2; i++) {
            System.out.println("| " + names[i] + " | " + Fleet.ms(results[i][0]) + " | " + Fleet.ms(results[i][1]) + " | "
                    + Fleet.ratio(results[i][1], results[i][0]) + " |");
        }
    }

    private static double median(Supplier<XmlRepository> store) {
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store.get())
                .backgroundRefresh(false).autoGenerateKeys(false).build()) {
            provider.createProtector("creation").protect(new byte[] { 1 }); // the ring is read
            List<Long> times = Fleet.list();
            Instant activation = Instant.now().plus(Duration.ofDays(3));
            for (int i = 0; i < CREATIONS + 5; i++) {
                long begin = System.nanoTime();
                provider.keyManager().createNewKey(activation, activation.plus(Duration.ofDays(90)));
                if (i >= 5) {
                    times.add(System.nanoTime() - begin);
                }
            }
            return Fleet.median(times);
        }
    }
}
