package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * What the key ring asks of a versioned store (issue 11): key creation in two small round trips and no read, one
 * read after this instance's own change however its announcement races with it, and no read at all for payloads
 * under key ids the store does not hold.
 */
class StoreRoundTripsTest {

    @Test
    void createNewKey_onAVersionedStore_isOneVersionCheckAndOneConditionalAppend_andReadsNothing() {
        CountingStore store = new CountingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .backgroundRefresh(false).build()) {
            store.resetCounts();

            Instant now = Instant.now();
            provider.keyManager().createNewKey(now, now.plus(Duration.ofDays(30)));

            assertThat(store.versions.get()).isEqualTo(1);
            assertThat(store.conditionalAppends.get()).isEqualTo(1);
            assertThat(store.fullReads()).isZero();
        }
    }

    @Test
    @Timeout(30)
    void createNewKey_thenItsOwnAnnouncement_theRingIsReadOnce() throws Exception {
        CountingStore store = new CountingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .refreshPeriod(Duration.ofHours(1)).changePollPeriod(Duration.ofHours(1)).build()) {
            DataProtector protector = provider.createProtector("p");
            protector.protect(new byte[] { 1 });
            store.awaitBackgroundCheck(); // of the first key's announcement
            store.resetCounts();

            Instant now = Instant.now();
            provider.keyManager().createNewKey(now, now.plus(Duration.ofDays(30))); // announced, as Redis does
            protector.protect(new byte[] { 2 }); // this instance changed the store: reads it before protecting
            store.awaitBackgroundCheck();

            assertThat(store.fullReads()).as("one read for one change").isEqualTo(1);
        }
    }

    @Test
    @Timeout(60)
    void forgedKeyIds_onAVersionedStore_checkTheVersionOnce_andReadNothing() throws Exception {
        CountingStore store = new CountingStore();
        store.announcing = false; // so that only the forged payloads can make the background thread check
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .refreshPeriod(Duration.ofHours(1)).changePollPeriod(Duration.ofHours(1))
                .unknownKeyRefreshInterval(Duration.ofHours(1)).build()) {
            DataProtector protector = provider.createProtector("p");
            byte[] known = protector.protect(new byte[] { 1 });
            store.resetCounts();

            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> answers = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    byte[] forged = known.clone();
                    forged[4 + (i % 16)] ^= (byte) (1 + i / 16); // another key id each time
                    answers.add(callers.submit(() -> assertThatThrownBy(() -> protector.unprotect(forged))
                            .isInstanceOf(DataProtectionException.class).hasMessageContaining("was not found")));
                }
                for (Future<?> answer : answers) {
                    answer.get(30, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }

            assertThat(store.fullReads()).as("1,000 forged payloads, the store unchanged").isZero();
            assertThat(store.versions.get()).as("one check per unknown-key interval").isEqualTo(1);
            assertThat(protector.unprotect(known)).containsExactly(1);
        }
    }

    /**
     * An in-memory versioned store that counts its calls and announces every change to its subscribers from the
     * writing thread, as Redis pub/sub does (the announcement may arrive before or after the writer reads again).
     */
    static final class CountingStore implements VersionedXmlRepository {
        private final InMemoryXmlRepository delegate = new InMemoryXmlRepository();
        private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        volatile boolean announcing = true;
        final AtomicInteger versions = new AtomicInteger();
        final AtomicInteger versionedReads = new AtomicInteger();
        final AtomicInteger plainReads = new AtomicInteger();
        final AtomicInteger conditionalAppends = new AtomicInteger();
        /** The background thread that checked the version, once one did. */
        volatile Thread backgroundCheck;

        void resetCounts() {
            backgroundCheck = null;
            versions.set(0);
            versionedReads.set(0);
            plainReads.set(0);
            conditionalAppends.set(0);
        }

        /** Waits until the background thread checked the version and went idle (its next task is an hour away). */
        void awaitBackgroundCheck() throws InterruptedException {
            while (backgroundCheck == null || backgroundCheck.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(10);
            }
        }

        int fullReads() {
            return versionedReads.get() + plainReads.get();
        }

        @Override
        public List<StoredElement> readAll() {
            plainReads.incrementAndGet();
            return delegate.readAll();
        }

        @Override
        public VersionedElements readVersioned() {
            versionedReads.incrementAndGet();
            return delegate.readVersioned();
        }

        @Override
        public String version() {
            if (Thread.currentThread().getName().startsWith("data-protection-key-ring-refresh")) {
                backgroundCheck = Thread.currentThread();
            }
            versions.incrementAndGet();
            return delegate.version();
        }

        @Override
        public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
            conditionalAppends.incrementAndGet();
            return announced(delegate.addIfVersion(expectedVersion, xml, friendlyName));
        }

        @Override
        public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
            return announced(delegate.addAllIfVersion(expectedVersion, elements));
        }

        @Override
        public void add(String xml, String friendlyName) {
            delegate.add(xml, friendlyName);
            announced(true);
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            delegate.remove(elements);
            announced(true);
        }

        @Override
        public AutoCloseable subscribe(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        private boolean announced(boolean changed) {
            if (changed && announcing) {
                listeners.forEach(Runnable::run);
            }
            return changed;
        }

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public String description() {
            return "counting-test-store";
        }
    }
}
