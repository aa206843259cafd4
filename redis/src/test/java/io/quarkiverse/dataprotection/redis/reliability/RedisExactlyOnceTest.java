package io.quarkiverse.dataprotection.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * Many instances, each with its own Redis connection, starting at the same moment on an empty key ring: exactly one
 * key is created and every instance adopts it. The conditional append (a Lua script comparing the list's version)
 * is what decides; the losers read the winner's key.
 */
class RedisExactlyOnceTest {

    private static final int INSTANCES = 8;
    private static final int ROUNDS = 20;
    private static final int JVMS = 3;

    static RedisServer redis;
    static List<RedissonClient> clients = new ArrayList<>();
    static ExecutorService pool;

    @BeforeAll
    static void start() {
        redis = RedisServers.standalone();
        for (int i = 0; i < INSTANCES; i++) {
            clients.add(RedissonClients.create(RedisConnectionSettings.standalone(redis.uri())));
        }
        pool = Executors.newFixedThreadPool(INSTANCES);
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        clients.forEach(RedissonClient::shutdown);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Timeout(120)
    void emptyRedis_eightInstancesWithOwnClientsStartingTogether_createOneKey_twentyRounds() throws Exception {
        int appendsTried = 0;
        long slowestStartMillis = 0;
        for (int round = 0; round < ROUNDS; round++) {
            redis.flushAll();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<DataProtectionProvider>> started = new ArrayList<>();
            List<ObservedStore> stores = new ArrayList<>();
            for (RedissonClient client : clients) {
                ObservedStore store = new ObservedStore(new RedisXmlRepository(client), true);
                stores.add(store);
                Callable<DataProtectionProvider> startOne = () -> {
                    go.await();
                    return DataProtectionProvider.builder().repository(store)
                            .backgroundRefresh(false).refreshPeriod(Duration.ofHours(1)).build();
                };
                started.add(pool.submit(startOne));
            }
            long t0 = System.nanoTime();
            go.countDown();
            List<DataProtectionProvider> providers = new ArrayList<>();
            try {
                for (Future<DataProtectionProvider> f : started) {
                    providers.add(f.get(30, TimeUnit.SECONDS));
                }
                slowestStartMillis = Math.max(slowestStartMillis, (System.nanoTime() - t0) / 1_000_000);
                List<String> entries = redis.lrange(Instances.LIST);
                assertThat(Instances.keyIds(entries)).as("round %d: keys in Redis", round).hasSize(1);
                assertThat(entries).as("round %d: nothing but the one key", round).hasSize(1);
                UUID key = Instances.keyIds(entries).get(0);
                Set<UUID> defaults = new HashSet<>();
                for (DataProtectionProvider provider : providers) {
                    defaults.add(provider.status().defaultKeyId().orElseThrow());
                }
                assertThat(defaults).as("round %d: every instance's default key", round).containsExactly(key);
                assertThat(stores.stream().mapToInt(s -> s.conditionalAppendsWon.get()).sum()).isEqualTo(1);
                appendsTried += stores.stream().mapToInt(s -> s.conditionalAppends.get()).sum();
            } finally {
                providers.forEach(DataProtectionProvider::close);
            }
        }
        Measurements.record("exactly-once threads", "%d rounds x %d instances with own clients: 1 key per round; %d "
                + "conditional appends tried, %d won (one per round); slowest round %d ms", ROUNDS, INSTANCES,
                appendsTried, ROUNDS, slowestStartMillis);
    }

    @Test
    @Timeout(180)
    void emptyRedis_threeSeparateJvmsReleasedTogether_createOneKey() throws Exception {
        redis.flushAll();
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < JVMS; i++) {
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp", System.getProperty("java.class.path"), StartOnRedis.class.getName(), redis.uri())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process process : processes) {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(awaitLine(out, "READY")).as("the JVM connected and waits").isNotNull();
                outputs.add(out);
            }
            for (Process process : processes) { // the barrier: every JVM is connected, release all at once
                OutputStream in = process.getOutputStream();
                in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
            }
            Set<String> defaults = new HashSet<>();
            int tried = 0;
            int won = 0;
            for (int i = 0; i < JVMS; i++) {
                String line = awaitLine(outputs.get(i), "DEFAULT-KEY ");
                assertThat(line).as("JVM %d reports its default key", i).isNotNull();
                String[] fields = line.split(" ");
                defaults.add(fields[1]);
                tried += Integer.parseInt(fields[2]);
                won += Integer.parseInt(fields[3]);
                assertThat(processes.get(i).waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            List<UUID> keys = Instances.keyIds(redis.lrange(Instances.LIST));
            assertThat(keys).hasSize(1);
            assertThat(defaults).containsExactly(keys.get(0).toString());
            assertThat(won).isEqualTo(1);
            Measurements.record("exactly-once JVMs", "%d JVMs released together: %d key in Redis, %d conditional "
                    + "appends tried, %d won, every JVM's default key is it", JVMS, keys.size(), tried, won);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static String awaitLine(BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /**
     * Entry point of the separate JVMs: connect, say READY, wait for GO on standard input, start a provider on the
     * Redis ring and print its default key.
     */
    public static final class StartOnRedis {
        public static void main(String[] args) throws Exception {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(args[0]));
            int status = 1;
            try {
                client.getBucket("warm-up").isExists(); // connect now, not inside the race
                System.out.println("READY");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
                ObservedStore store = new ObservedStore(new RedisXmlRepository(client), true);
                try (DataProtectionProvider provider = DataProtectionProvider.builder()
                        .repository(store).backgroundRefresh(false).build()) {
                    System.out.println("DEFAULT-KEY " + provider.status().defaultKeyId().map(UUID::toString)
                            .orElse("none") + " " + store.conditionalAppends.get() + " "
                            + store.conditionalAppendsWon.get());
                    System.out.flush();
                }
                status = 0;
            } finally {
                client.shutdown();
            }
            System.exit(status);
        }
    }
}
