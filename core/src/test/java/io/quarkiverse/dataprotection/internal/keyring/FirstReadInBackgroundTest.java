package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.KeyRingStatus;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * {@code firstReadInBackground}: build() returns while the store is still being read, the status says "starting"
 * and is not ready until the read is done, and a protect issued meanwhile waits for that read and then works. With
 * {@code firstReadAfter(signal)} the read starts when the signal completes, or earlier when a caller needs the ring.
 */
class FirstReadInBackgroundTest {

    @Test
    @Timeout(60)
    void stalledFirstRead_buildReturns_statusStarting_protectWaitsForTheRead() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        store.stall();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .firstReadInBackground(true).build()) {
            // build() returned although the store's read cannot finish yet
            KeyRingStatus starting = provider.status();
            assertThat(starting.starting()).isTrue();
            assertThat(starting.isReady()).isFalse();
            assertThat(starting.keyCount()).isZero();
            assertThat(provider.awaitFirstRead(Duration.ofMillis(1))).isFalse();

            DataProtector protector = provider.createProtector("p");
            CompletableFuture<byte[]> protect = CompletableFuture
                    .supplyAsync(() -> protector.protect("hello".getBytes(StandardCharsets.UTF_8)));
            store.release();

            byte[] payload = protect.get(30, TimeUnit.SECONDS);
            assertThat(new String(protector.unprotect(payload), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(provider.awaitFirstRead(Duration.ofSeconds(30))).isTrue();
            KeyRingStatus ready = provider.status();
            assertThat(ready.starting()).isFalse();
            assertThat(ready.isReady()).isTrue();
            assertThat(ready.keyCount()).as("one key created by the first read").isEqualTo(1);
        } finally {
            store.release();
        }
    }

    @Test
    @Timeout(60)
    void keyManagerCallDuringAStalledFirstRead_waitsForIt_andSeesTheKeyItCreated() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        store.stall();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .firstReadInBackground(true).build()) {
            CompletableFuture<Integer> keys = CompletableFuture
                    .supplyAsync(() -> provider.keyManager().getAllKeys().size());
            store.release();
            assertThat(keys.get(30, TimeUnit.SECONDS)).as("the key the first read created").isEqualTo(1);
        } finally {
            store.release();
        }
    }

    @Test
    @Timeout(60)
    void failingFirstRead_startingEnds_statusReportsTheFailureAndIsNotReady() throws Exception {
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(new BrokenStore())
                .firstReadInBackground(true).build()) {
            assertThat(provider.awaitFirstRead(Duration.ofSeconds(30))).isTrue();
            KeyRingStatus status = provider.status();
            assertThat(status.starting()).isFalse();
            assertThat(status.isReady()).isFalse();
            assertThat(status.lastRefreshError()).get().asString().contains("broken-test-store");
        }
    }

    @Test
    void byDefault_buildReadsTheStoreBeforeItReturns() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).build()) {
            assertThat(store.reads.get()).isPositive();
            assertThat(provider.status().starting()).isFalse();
            assertThat(provider.status().isReady()).isTrue();
            assertThat(provider.awaitFirstRead(Duration.ZERO)).isTrue();
        }
    }

    @Test
    void withoutBackgroundRefresh_theFirstReadHappensInBuild() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .backgroundRefresh(false).firstReadInBackground(true).build()) {
            assertThat(store.reads.get()).isPositive();
            assertThat(provider.status().starting()).isFalse();
            assertThat(provider.status().isReady()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void withASignal_theStoreIsFirstReadWhenItCompletes() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        CompletableFuture<Void> started = new CompletableFuture<>();
        try (DataProtectionProvider provider = signalled(store, started)) {
            assertThat(provider.status().starting()).isTrue();
            assertThat(provider.status().isReady()).isFalse();
            assertThat(store.reads.get()).as("no read before the signal").isZero();

            started.complete(null);
            assertThat(provider.awaitFirstRead(Duration.ofSeconds(30))).isTrue();
            assertThat(store.reads.get()).isPositive();
            assertThat(provider.status().isReady()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void withASignalThatFails_theStoreIsStillRead() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        CompletableFuture<Void> started = new CompletableFuture<>();
        try (DataProtectionProvider provider = signalled(store, started)) {
            started.completeExceptionally(new IllegalStateException("the HTTP server did not start"));
            assertThat(provider.awaitFirstRead(Duration.ofSeconds(30))).isTrue();
            assertThat(provider.status().isReady()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void beforeTheSignal_aProtectReadsTheStoreItself() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        try (DataProtectionProvider provider = signalled(store, new CompletableFuture<>())) {
            DataProtector protector = provider.createProtector("p");
            byte[] payload = protector.protect("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(protector.unprotect(payload), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(store.reads.get()).isPositive();
            assertThat(provider.awaitFirstRead(Duration.ZERO)).isTrue();
            assertThat(provider.status().starting()).isFalse();
        }
    }

    @Test
    @Timeout(60)
    void beforeTheSignal_awaitFirstReadAndTheKeyManagerStartTheRead() throws Exception {
        UnknownKeyFloodTest.StallingStore store = new UnknownKeyFloodTest.StallingStore();
        try (DataProtectionProvider provider = signalled(store, new CompletableFuture<>())) {
            assertThat(provider.awaitFirstRead(Duration.ofSeconds(30))).as("a readiness probe arriving first")
                    .isTrue();
            assertThat(provider.status().isReady()).isTrue();
        }
        UnknownKeyFloodTest.StallingStore other = new UnknownKeyFloodTest.StallingStore();
        try (DataProtectionProvider provider = signalled(other, new CompletableFuture<>())) {
            assertThat(provider.keyManager().getAllKeys()).as("the key the first read created").hasSize(1);
        }
    }

    /** The first read waits for {@code signal}; no periodic refresh comes before it (non-versioned store). */
    private static DataProtectionProvider signalled(XmlRepository store, CompletableFuture<Void> signal) {
        return DataProtectionProvider.builder().repository(store).refreshPeriod(Duration.ofHours(1))
                .firstReadInBackground(true).firstReadAfter(signal).build();
    }

    /** A store every read of which fails. */
    private static final class BrokenStore implements XmlRepository {
        @Override
        public List<StoredElement> readAll() {
            throw new XmlRepositoryException("broken-test-store cannot be read");
        }

        @Override
        public void add(String xml, String friendlyName) {
            throw new XmlRepositoryException("broken-test-store cannot be written");
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            throw new XmlRepositoryException("broken-test-store cannot be written");
        }

        @Override
        public String description() {
            return "broken-test-store";
        }
    }
}
