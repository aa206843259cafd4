package io.quarkiverse.dataprotection.redis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * The Redis store before its client exists: nothing creates the client until the first store operation (neither a
 * subscription, nor its description, nor whether it is persistent), the first call creates it once however many
 * callers race, and a creation that failed fails every call instead of leaving callers waiting.
 */
class ConnectingRedisXmlRepositoryTest {

    @Test
    @Timeout(30)
    void theClientIsCreatedOnTheFirstCall_once_andASubscriptionWaitsForIt() throws Exception {
        AtomicInteger created = new AtomicInteger();
        SubscribableStore redis = new SubscribableStore();
        ConnectingRedisXmlRepository store = new ConnectingRedisXmlRepository(() -> {
            created.incrementAndGet();
            return redis;
        }, "dp:keys");
        AtomicInteger notified = new AtomicInteger();
        store.subscribe(notified::incrementAndGet);
        assertThat(store.description()).isEqualTo("redis:dp:keys");
        assertThat(store.isPersistent()).isTrue();
        assertThat(store.toString()).isEqualTo("RedisXmlRepository[redis:dp:keys] (connecting)");
        assertThat(created).as("neither construction, subscribe, isPersistent, description nor toString creates the "
                + "client").hasValue(0);

        store.add("<key id=\"1\" />", "k1");
        assertThat(store.readAll()).hasSize(1);
        assertThat(store.version()).isEqualTo(redis.version());
        assertThat(created).hasValue(1);
        assertThat(redis.listeners).as("the subscription reached the client once it existed").hasSize(1);
        redis.listeners.get(0).run();
        assertThat(notified).hasValue(1);
    }

    @Test
    @Timeout(30)
    void racingFirstCalls_createTheClientOnce() throws Exception {
        CountDownLatch creating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger created = new AtomicInteger();
        ConnectingRedisXmlRepository store = new ConnectingRedisXmlRepository(() -> {
            created.incrementAndGet();
            creating.countDown();
            await(release);
            return new InMemoryXmlRepository();
        }, "dp:keys");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> store.readAll().size());
        assertThat(creating.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> store.readAll().size());
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(second.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(created).hasValue(1);
    }

    @Test
    @Timeout(30)
    void aFailedCreation_failsEveryCallWithItsReason_andIsNotRetried() {
        AtomicInteger created = new AtomicInteger();
        ConnectingRedisXmlRepository store = new ConnectingRedisXmlRepository(() -> {
            created.incrementAndGet();
            throw new XmlRepositoryException("no client for dp:keys");
        }, "dp:keys");
        assertThatThrownBy(store::readAll).isInstanceOf(XmlRepositoryException.class)
                .hasMessage("no client for dp:keys");
        assertThatThrownBy(store::version).isInstanceOf(XmlRepositoryException.class)
                .hasMessage("no client for dp:keys");
        assertThat(created).hasValue(1);
    }

    @Test
    @Timeout(30)
    void anErrorDuringCreation_leavesNoCallerWaiting() {
        ConnectingRedisXmlRepository store = new ConnectingRedisXmlRepository(() -> {
            throw new NoClassDefFoundError("org/redisson/Redisson");
        }, "dp:keys");
        assertThatThrownBy(store::readAll).hasRootCauseInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(store::readAll).hasRootCauseInstanceOf(NoClassDefFoundError.class);
    }

    /** An in-memory store that keeps its subscribers. */
    private static final class SubscribableStore implements VersionedXmlRepository {
        final InMemoryXmlRepository memory = new InMemoryXmlRepository();
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        @Override
        public AutoCloseable subscribe(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public VersionedElements readVersioned() {
            return memory.readVersioned();
        }

        @Override
        public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
            return memory.addIfVersion(expectedVersion, xml, friendlyName);
        }

        @Override
        public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
            return memory.addAllIfVersion(expectedVersion, elements);
        }

        @Override
        public String version() {
            return memory.version();
        }

        @Override
        public List<StoredElement> readAll() {
            return memory.readAll();
        }

        @Override
        public void add(String xml, String friendlyName) {
            memory.add(xml, friendlyName);
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            memory.remove(elements);
        }

        @Override
        public String description() {
            return "subscribable-test-store";
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
