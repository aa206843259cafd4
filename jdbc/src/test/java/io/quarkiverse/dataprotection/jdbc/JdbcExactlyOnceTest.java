package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
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

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.reliability.Measurements;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * Many instances, each with its own connection pool, starting at the same moment on an empty key table: exactly one
 * key is created and every instance adopts it. The conditional append under the table lock decides; the losers read
 * the winner's key.
 */
class JdbcExactlyOnceTest {

    private static final int INSTANCES = 8;
    private static final int ROUNDS = 20;
    private static final int JVMS = 3;

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    @Timeout(180)
    void emptyTable_eightInstancesWithOwnPoolsStartingTogether_createOneKey_twentyRounds(Databases.Database database)
            throws Exception {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("exactlyOnce"));
        List<AgroalDataSource> pools = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        long slowest = 0;
        try {
            for (int i = 0; i < INSTANCES; i++) {
                pools.add(Tables.pool(server, 2));
            }
            for (int round = 0; round < ROUNDS; round++) {
                Tables.deleteAll(server, table);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<DataProtectionProvider>> started = new ArrayList<>();
                for (AgroalDataSource pool : pools) {
                    JdbcXmlRepository store = Tables.store(pool, table);
                    Callable<DataProtectionProvider> startOne = () -> {
                        go.await();
                        return DataProtectionProvider.builder().repository(store).backgroundRefresh(false)
                                .refreshPeriod(Duration.ofHours(1)).build();
                    };
                    started.add(threads.submit(startOne));
                }
                long t0 = System.nanoTime();
                go.countDown();
                List<DataProtectionProvider> providers = new ArrayList<>();
                try {
                    for (Future<DataProtectionProvider> f : started) {
                        providers.add(f.get(60, TimeUnit.SECONDS));
                    }
                    slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                    List<UUID> keys = Fleet.keyIds(server, table);
                    assertThat(keys).as("round %d: keys in the table", round).hasSize(1);
                    assertThat(Tables.rows(server, table)).as("round %d: nothing but the one key", round).hasSize(1);
                    Set<UUID> defaults = new HashSet<>();
                    providers.forEach(p -> defaults.add(p.status().defaultKeyId().orElseThrow()));
                    assertThat(defaults).as("round %d: every instance's default key", round).containsExactly(keys.get(0));
                } finally {
                    providers.forEach(DataProtectionProvider::close);
                }
            }
            Measurements.record("jdbc exactly-once threads " + server.kind(), "%d rounds x %d instances with own pools: "
                    + "1 key per round; slowest round %d ms", ROUNDS, INSTANCES, slowest);
        } finally {
            threads.shutdownNow();
            pools.forEach(AgroalDataSource::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    @Timeout(180)
    void emptyTable_threeSeparateJvmsReleasedTogether_createOneKey_twentyRounds(Databases.Database database)
            throws Exception {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("exactlyOnceJvms"));
        List<Process> processes = new ArrayList<>();
        List<Path> errors = new ArrayList<>();
        try {
            for (int i = 0; i < JVMS; i++) {
                errors.add(Files.createTempFile("jdbc-exactly-once-jvm-" + i, ".err"));
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp", System.getProperty("java.class.path"), StartOnTable.class.getName(), server.jdbcUrl(),
                        server.user(), server.password(), table)
                        .redirectError(errors.get(i).toFile()).start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                BufferedReader out = new BufferedReader(new InputStreamReader(processes.get(i).getInputStream(),
                        StandardCharsets.UTF_8));
                String ready = awaitLine(out, "READY");
                if (ready == null) { // it ended: say why (its standard error holds no key material, only startup)
                    processes.get(i).waitFor(10, TimeUnit.SECONDS);
                    assertThat(ready).as("JVM %d connected and waits; it ended: %s", i, Files.readString(errors.get(i)))
                            .isNotNull();
                }
                outputs.add(out);
            }
            for (int round = 0; round < ROUNDS; round++) {
                Tables.deleteAll(server, table);
                for (Process process : processes) { // the barrier: every JVM waits; release all at once
                    OutputStream in = process.getOutputStream();
                    in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
                    in.flush();
                }
                Set<String> defaults = new HashSet<>();
                for (int i = 0; i < JVMS; i++) {
                    String line = awaitLine(outputs.get(i), "DEFAULT-KEY ");
                    assertThat(line).as("round %d: JVM %d reports its default key", round, i).isNotNull();
                    defaults.add(line.substring("DEFAULT-KEY ".length()));
                }
                List<UUID> keys = Fleet.keyIds(server, table);
                assertThat(keys).as("round %d", round).hasSize(1);
                assertThat(defaults).as("round %d", round).containsExactly(keys.get(0).toString());
            }
            for (Process process : processes) {
                process.getOutputStream().close();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Measurements.record("jdbc exactly-once JVMs " + server.kind(), "%d JVMs released together, %d rounds: one "
                    + "key per round, every JVM's default key is it", JVMS, ROUNDS);
        } finally {
            processes.forEach(Process::destroyForcibly);
            for (Path file : errors) {
                Files.deleteIfExists(file);
            }
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
     * Entry point of the separate JVMs: open a pool, say READY, then for every GO on standard input start a provider on
     * the table, print its default key and close it; end at the end of the input.
     */
    public static final class StartOnTable {
        public static void main(String[] args) throws Exception {
            // This JVM's first connection loads the driver and its cryptography, which on a loaded machine outlasts the
            // pool's acquisition timeout (and the pool would hide the driver's error behind its own): make it directly.
            DriverManager.setLoginTimeout(120);
            DriverManager.getConnection(args[0], args[1], args[2]).close();
            try (AgroalDataSource pool = Tables.pool(args[0], args[1], args[2], 2)) {
                pool.getConnection().close(); // connect now, not inside the race
                System.out.println("READY");
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
                while (in.readLine() != null) {
                    try (DataProtectionProvider provider = DataProtectionProvider.builder()
                            .repository(Tables.store(pool, args[3])).backgroundRefresh(false).build()) {
                        System.out.println("DEFAULT-KEY " + provider.status().defaultKeyId().map(UUID::toString)
                                .orElse("none"));
                        System.out.flush();
                    }
                }
            }
            System.exit(0);
        }
    }
}
