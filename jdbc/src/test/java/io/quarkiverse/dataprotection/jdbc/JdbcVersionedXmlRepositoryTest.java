package io.quarkiverse.dataprotection.jdbc;

import static io.quarkiverse.dataprotection.jdbc.JdbcXmlRepositoryTest.KEY_1;
import static io.quarkiverse.dataprotection.jdbc.JdbcXmlRepositoryTest.KEY_2;
import static io.quarkiverse.dataprotection.jdbc.JdbcXmlRepositoryTest.REVOCATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository.NewElement;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/** The JDBC store's version and conditional appends, against real PostgreSQL and MariaDB servers. */
class JdbcVersionedXmlRepositoryTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void version_isStableWithoutChanges_changesWithEveryInsertOrDelete_includingEfCoresRawInsert_sameRowsSameVersion(
            Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("version"));
        try (AgroalDataSource pool = Tables.pool(server, 2); AgroalDataSource other = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            String empty = store.version();
            assertThat(store.version()).isEqualTo(empty).isEqualTo("0:0");

            store.add(KEY_1, "key-1");
            String afterAdd = store.version();
            assertThat(afterAdd).isNotEqualTo(empty);

            Tables.insertAsEfCore(server, table, "key-2", KEY_2); // what a .NET instance does
            String afterRawInsert = store.version();
            assertThat(afterRawInsert).isNotEqualTo(afterAdd);
            assertThat(Tables.store(other, table).version()).isEqualTo(afterRawInsert);

            // Identities are never reused, so the same count and highest Id can only mean the same rows.
            StoredElement second = store.readAll().get(1);
            store.remove(List.of(second));
            assertThat(store.version()).isEqualTo(afterAdd);
            store.remove(List.of(store.readAll().get(0)));
            assertThat(store.version()).isEqualTo(empty);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void readVersioned_returnsTheRowsWithTheVersionOfExactlyThoseRows(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("readVersioned"));
        Tables.insertAsEfCore(server, table, "key-1", KEY_1);
        Tables.insertAsEfCore(server, table, "revocation-1", REVOCATION);
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);

            VersionedXmlRepository.VersionedElements read = store.readVersioned();

            assertThat(read.elements()).extracting(StoredElement::xml).containsExactly(KEY_1, REVOCATION);
            assertThat(read.version()).isEqualTo(store.version());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void addIfVersion_appendsOnlyWhileTheTableIsUnchanged(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("addIfVersion"));
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            String version = store.version();
            Tables.insertAsEfCore(server, table, "key-1", KEY_1);

            assertThat(store.addIfVersion(version, KEY_2, "key-2")).isFalse();
            assertThat(Tables.xml(server, table)).containsExactly(KEY_1);

            assertThat(store.addIfVersion(store.version(), KEY_2, "key-2")).isTrue();
            assertThat(Tables.rows(server, table)).extracting(row -> row.get(1)).containsExactly("key-1", "key-2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void addAllIfVersion_appendsAllInOrderOrNone(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("addAll"));
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            String version = store.version();
            List<NewElement> elements = List.of(new NewElement(KEY_1, "key-1"), new NewElement(REVOCATION, "revocation-1"),
                    new NewElement(KEY_2, "key-2"));

            assertThat(store.addAllIfVersion(version, elements)).isTrue();
            assertThat(Tables.xml(server, table)).containsExactly(KEY_1, REVOCATION, KEY_2);

            assertThat(store.addAllIfVersion(version, elements)).isFalse();
            assertThat(Tables.xml(server, table)).hasSize(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void concurrentConditionalAppends_atOneVersion_fromTwoPools_exactlyOneWins(Databases.Database database)
            throws Exception {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("concurrent"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (AgroalDataSource pool = Tables.pool(server, 4); AgroalDataSource other = Tables.pool(server, 4)) {
            JdbcXmlRepository first = Tables.store(pool, table);
            JdbcXmlRepository second = Tables.store(other, table);
            for (int round = 0; round < 5; round++) {
                String version = first.version();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    JdbcXmlRepository instance = i % 2 == 0 ? first : second;
                    String xml = "<key id=\"" + round + "-" + i + "\"/>";
                    String friendlyName = "key-" + i;
                    Callable<Boolean> append = () -> {
                        start.await();
                        return instance.addIfVersion(version, xml, friendlyName);
                    };
                    results.add(threads.submit(append));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
                assertThat(Tables.rows(server, table)).hasSize(round + 1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
