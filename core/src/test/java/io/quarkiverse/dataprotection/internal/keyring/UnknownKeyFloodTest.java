package io.quarkiverse.dataprotection.internal.keyring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Payloads under forged key ids behind a store whose reads stall (issue: 24 payloads became 24 reads, callers waited
 * up to 57 s): one read in flight, every caller answered while it is still stalled, known keys never wait.
 */
class UnknownKeyFloodTest {

    @Test
    @Timeout(60)
    void forgedKeyIdsDuringAStalledRead_oneRead_everyCallerAnsweredBeforeTheReadEnds_knownKeysUnaffected()
            throws Exception {
        StallingStore store = new StallingStore();
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .refreshPeriod(Duration.ofHours(1)).unknownKeyRefreshInterval(Duration.ofHours(1))
                .unknownKeyWait(Duration.ofMillis(200)).build()) {
            DataProtector protector = provider.createProtector("p");
            byte[] known = protector.protect(new byte[] { 1 });
            int readsBefore = store.reads.get();
            store.stall();

            ExecutorService callers = Executors.newFixedThreadPool(24);
            try {
                List<Future<?>> answers = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    byte[] forged = known.clone();
                    forged[4 + (i % 16)] ^= (byte) (i + 1); // another key id
                    answers.add(callers.submit(() -> assertThatThrownBy(() -> protector.unprotect(forged))
                            .isInstanceOf(DataProtectionException.class).hasMessageContaining("was not found")));
                }
                for (Future<?> answer : answers) {
                    answer.get(30, TimeUnit.SECONDS);
                }
                assertThat(store.stalled.getCount()).as("every caller was answered while the read was stalled")
                        .isEqualTo(1);
                assertThat(protector.unprotect(known)).as("a known key does not wait for the stalled read")
                        .containsExactly(1);
                assertThat(store.reads.get() - readsBefore).as("one read for 24 forged payloads").isEqualTo(1);
            } finally {
                store.release();
                callers.shutdownNow();
            }
        }
    }

    /** A store whose reads block, once {@link #stall()}ed, until {@link #release()}. */
    static final class StallingStore implements XmlRepository {
        private final InMemoryXmlRepository delegate = new InMemoryXmlRepository();
        final AtomicInteger reads = new AtomicInteger();
        volatile CountDownLatch stalled = new CountDownLatch(0);

        void stall() {
            stalled = new CountDownLatch(1);
        }

        void release() {
            stalled.countDown();
        }

        @Override
        public List<StoredElement> readAll() {
            reads.incrementAndGet();
            try {
                stalled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.readAll();
        }

        @Override
        public void add(String xml, String friendlyName) {
            delegate.add(xml, friendlyName);
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            delegate.remove(elements);
        }

        @Override
        public String description() {
            return "stalling-test-store";
        }
    }
}
