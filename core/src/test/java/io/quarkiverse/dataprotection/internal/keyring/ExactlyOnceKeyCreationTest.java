package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.MutableClock;
import io.quarkiverse.dataprotection.keys.Key;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.FileSystemXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/** Many instances deciding at once create exactly one key, and all adopt it. */
class ExactlyOnceKeyCreationTest {

    private static final int INSTANCES = 8;
    private static final int ROUNDS = 20;
    private static ExecutorService pool;

    @TempDir
    Path temp;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(INSTANCES);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void emptyRing_inMemory_eightInstancesCreateOneKey() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            InMemoryXmlRepository store = new InMemoryXmlRepository();
            assertOneKeyAgreed(startTogether(() -> store, MutableClock.at("2026-01-01T00:00:00Z")), store);
        }
    }

    @Test
    void emptyRing_fileSystem_eightInstancesCreateOneKey() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path dir = temp.resolve("round-" + round);
            assertOneKeyAgreed(startTogether(() -> new FileSystemXmlRepository(dir), MutableClock.at("2026-01-01T00:00:00Z")),
                    new FileSystemXmlRepository(dir));
        }
    }

    @Test
    void successorNearExpiry_eightInstancesCreateOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            InMemoryXmlRepository store = new InMemoryXmlRepository();
            MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
            try (DataProtectionProvider first = build(store, clock)) {
                assertThat(first.keyManager().getAllKeys()).hasSize(1);
            }
            clock.set(Instant.parse("2026-03-31T00:00:00Z"));
            List<DataProtectionProvider> providers = startTogether(() -> store, clock);
            try {
                assertThat(providers.get(0).keyManager().getAllKeys()).as("round %d", round).hasSize(2);
                assertThat(providers.stream().map(p -> p.status().defaultKeyId().orElseThrow()).distinct()).hasSize(1);
            } finally {
                providers.forEach(DataProtectionProvider::close);
            }
        }
    }

    @Test
    void emptyRing_threeSeparateJvmsOnOneDirectory_createOneKey() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path dir = temp.resolve("jvm-round-" + round);
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), StartOneInstance.class.getName(), dir.toString())
                        .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            Set<String> defaults = new java.util.HashSet<>();
            for (Process process : processes) {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                defaults.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            }
            assertThat(defaults).as("every JVM reports the same default key").hasSize(1);
            List<Key> keys = keysIn(new FileSystemXmlRepository(dir));
            assertThat(keys).hasSize(1);
            assertThat(defaults).containsExactly(keys.get(0).id().toString());
        }
    }

    /** Entry point of the separate JVMs: start on the directory and print the default key id. */
    public static final class StartOneInstance {
        public static void main(String[] args) throws IOException {
            try (DataProtectionProvider provider = DataProtectionProvider.builder()
                    .repository(new FileSystemXmlRepository(Path.of(args[0]))).backgroundRefresh(false).build()) {
                System.out.println(provider.status().defaultKeyId().map(UUID::toString).orElse("none"));
            }
        }
    }

    private static List<DataProtectionProvider> startTogether(Supplier<XmlRepository> stores, MutableClock clock)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DataProtectionProvider>> started = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            XmlRepository store = stores.get();
            Callable<DataProtectionProvider> start = () -> {
                go.await();
                return build(store, clock);
            };
            started.add(pool.submit(start));
        }
        go.countDown();
        List<DataProtectionProvider> providers = new ArrayList<>();
        for (Future<DataProtectionProvider> f : started) {
            providers.add(f.get(60, TimeUnit.SECONDS));
        }
        return providers;
    }

    private static DataProtectionProvider build(XmlRepository store, MutableClock clock) {
        return DataProtectionProvider.builder().repository(store).clock(clock).backgroundRefresh(false)
                .refreshPeriod(Duration.ofHours(1)).build();
    }

    private static void assertOneKeyAgreed(List<DataProtectionProvider> providers, XmlRepository store) {
        try {
            List<Key> keys = keysIn(store);
            assertThat(keys).hasSize(1);
            Set<UUID> defaults = providers.stream().map(p -> p.status().defaultKeyId().orElseThrow())
                    .collect(Collectors.toSet());
            assertThat(defaults).containsExactly(keys.get(0).id());
        } finally {
            providers.forEach(DataProtectionProvider::close);
        }
    }

    private static List<Key> keysIn(XmlRepository store) {
        try (DataProtectionProvider reader = DataProtectionProvider.builder().repository(store).autoGenerateKeys(false)
                .backgroundRefresh(false).build()) {
            return reader.keyManager().getAllKeys();
        }
    }
}
