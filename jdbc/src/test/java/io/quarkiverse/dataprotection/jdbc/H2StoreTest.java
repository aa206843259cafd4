package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.spi.StoredElement;

/**
 * H2, for development mode and tests in one JVM: the table is created on demand, the store round-trips, and
 * conditional appends within the JVM have one winner. (Real databases are tested everywhere else.)
 */
class H2StoreTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void createdTable_roundTrips_andAProviderCreatesOneKey() {
        JdbcXmlRepository store = new JdbcXmlRepository(h2("roundTrip"),
                JdbcRepositoryOptions.defaults().withCreateTable(true));
        store.add(JdbcXmlRepositoryTest.KEY_1, "key-1");
        List<StoredElement> elements = store.readAll();
        assertThat(elements).extracting(StoredElement::xml).containsExactly(JdbcXmlRepositoryTest.KEY_1);
        store.remove(elements);
        assertThat(store.readAll()).isEmpty();

        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store).build()) {
            assertThat(provider.status().keyCount()).isEqualTo(1);
            assertThat(store.readAll()).hasSize(1);
        }
    }

    @Test
    void concurrentConditionalAppends_inOneJvm_exactlyOneWins() throws Exception {
        JdbcDataSource dataSource = h2("concurrent");
        JdbcXmlRepository store = new JdbcXmlRepository(dataSource, JdbcRepositoryOptions.defaults().withCreateTable(true));
        String version = store.version();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                JdbcXmlRepository instance = new JdbcXmlRepository(dataSource);
                Callable<Boolean> append = () -> {
                    start.await();
                    return instance.addIfVersion(version, "<key id=\"" + UUID.randomUUID() + "\"/>", "key");
                };
                results.add(threads.submit(append));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.readAll()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
