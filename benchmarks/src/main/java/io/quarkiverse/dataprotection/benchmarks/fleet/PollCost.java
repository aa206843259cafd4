package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisKeyNames;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * The cost of one change poll ({@code version()}) at 1 / 1,000 / 10,000 keys, against the poll it replaced, in one
 * run: Redis server time per call from {@code INFO commandstats}, and the file store's CPU time per call.
 * <p>
 * The "before" Redis poll is the script the store used until issue 11 (SHA-1 over the whole list); the "before"
 * file poll lists the directory and reads every file's attributes, as the store did.
 */
public final class PollCost {

    /** The version script before issue 11, kept here as the baseline. */
    private static final String OLD_VERSION = "local items = redis.call('LRANGE', KEYS[1], 0, -1)\n"
            + "local parts = {}\n"
            + "for i, item in ipairs(items) do parts[i] = #item .. ':' .. item end\n"
            + "return #items .. ':' .. redis.sha1hex(table.concat(parts, ','))\n";
    private static final int[] SIZES = { 1, 1_000, 10_000 };

    private PollCost() {
    }

    public static void main(String[] args) throws Exception {
        Fleet.quiet();
        List<String> xmls = Fleet.keyXmls(10_000, null);
        System.out.println("| keys | Redis poll now (ms server time) | before (ms) | file poll now (ms CPU) | before (ms) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        try (RedisServer redis = RedisServers.standalone()) {
            RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
            try {
                for (int size : SIZES) {
                    List<String> ring = xmls.subList(xmls.size() - size, xmls.size());
                    double[] redisCost = redis(redis, client, ring);
                    double[] fileCost = file(ring);
                    System.out.printf("| %,d | %s | %s | %s | %s |%n", size, Fleet.ms(redisCost[0]),
                            Fleet.ms(redisCost[1]), Fleet.ms(fileCost[0]), Fleet.ms(fileCost[1]));
                }
            } finally {
                client.shutdown();
            }
        }
    }

    /** Server nanoseconds per call: {@code [now, before]}. */
    private static double[] redis(RedisServer redis, RedissonClient client, List<String> ring) {
        String list = RedisKeyNames.DEFAULT_LIST_KEY;
        redis.flushAll();
        for (int i = 0; i < ring.size(); i += 500) {
            redis.rpush(list, ring.subList(i, Math.min(ring.size(), i + 500)).toArray(String[]::new));
        }
        RedisXmlRepository store = new RedisXmlRepository(client);
        for (int i = 0; i < 200; i++) {
            store.version(); // loads the script, warms the connection
        }
        redis.command("CONFIG", "RESETSTAT");
        for (int i = 0; i < 2_000; i++) {
            store.version();
        }
        double now = scriptMicrosPerCall(redis.info("commandstats")) * 1_000;
        int oldCalls = ring.size() >= 10_000 ? 20 : 200;
        redis.command("EVAL", OLD_VERSION, "1", list);
        redis.command("CONFIG", "RESETSTAT");
        for (int i = 0; i < oldCalls; i++) {
            redis.command("EVAL", OLD_VERSION, "1", list);
        }
        double before = scriptMicrosPerCall(redis.info("commandstats")) * 1_000;
        return new double[] { now, before };
    }

    /** The mean {@code usec_per_call} over the script commands (EVAL, EVALSHA) in {@code INFO commandstats}. */
    static double scriptMicrosPerCall(String info) {
        double usec = 0;
        long calls = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_eval")) {
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    String[] kv = field.split("=");
                    if (kv[0].equals("calls")) {
                        calls += Long.parseLong(kv[1]);
                    } else if (kv[0].equals("usec")) {
                        usec += Double.parseDouble(kv[1]);
                    }
                }
            }
        }
        return calls == 0 ? Double.NaN : usec / calls;
    }

    /** CPU nanoseconds per call of this thread: {@code [now, before]}. */
    private static double[] file(List<String> ring) throws Exception {
        Path dir = Files.createTempDirectory("poll-cost");
        try {
            Fleet.writeFiles(dir, ring);
            FileSystemXmlRepository store = new FileSystemXmlRepository(dir);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double now = cpuPerCall(threads, store::version);
            double before = cpuPerCall(threads, () -> statEveryFile(dir));
            return new double[] { now, before };
        } finally {
            Fleet.deleteTree(dir);
        }
    }

    private static double cpuPerCall(ThreadMXBean threads, Runnable poll) {
        for (int i = 0; i < 20; i++) {
            poll.run();
        }
        int calls = 200;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            poll.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / (double) calls;
    }

    private static void statEveryFile(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                sum += attributes.size() + attributes.lastModifiedTime().toMillis();
            }
            if (sum == 42) {
                System.out.print("");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
