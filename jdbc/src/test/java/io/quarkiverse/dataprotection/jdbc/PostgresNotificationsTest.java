package io.quarkiverse.dataprotection.jdbc;

import static io.quarkiverse.dataprotection.jdbc.JdbcXmlRepositoryTest.KEY_1;
import static io.quarkiverse.dataprotection.jdbc.JdbcXmlRepositoryTest.KEY_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/** Change announcements on PostgreSQL (LISTEN/NOTIFY), and their absence elsewhere. */
@ExtendWith(Databases.class)
class PostgresNotificationsTest {

    @Test
    void subscribe_hearsAnotherInstancesWrites_andAgainAfterItsConnectionWasKilled_untilClosed(Databases.Servers servers)
            throws Exception {
        DatabaseServer postgres = servers.postgres();
        String table = Tables.create(postgres, Tables.unique("listen"));
        try (AgroalDataSource pool = Tables.pool(postgres, 2); AgroalDataSource other = Tables.pool(postgres, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            JdbcXmlRepository writer = Tables.store(other, table);
            Semaphore heard = new Semaphore(0);
            AutoCloseable subscription = store.subscribe(heard::release);
            try {
                awaitListeners(postgres, table, 1);
                writer.add(KEY_1, "key-1");
                assertThat(heard.tryAcquire(5, TimeUnit.SECONDS)).as("heard the write").isTrue();

                postgres.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
                assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("called once after re-subscribing").isTrue();
                awaitListeners(postgres, table, 1);
                writer.remove(writer.readAll());
                assertThat(heard.tryAcquire(5, TimeUnit.SECONDS)).as("heard the removal").isTrue();
            } finally {
                subscription.close();
            }
            heard.drainPermits();
            writer.add(KEY_2, "key-2");
            assertThat(heard.tryAcquire(1, TimeUnit.SECONDS)).as("nothing after close").isFalse();
            assertThat(listeners(postgres)).isZero();
        }
    }

    @Test
    void triggerOfTheGuide_announcesRawInsertsAsEfCoreMakesThem(Databases.Servers servers) throws Exception {
        DatabaseServer postgres = servers.postgres();
        String table = Tables.create(postgres, Tables.unique("trigger"));
        postgres.update("CREATE FUNCTION \"" + table + "_changed\"() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN PERFORM pg_notify('" + table + ":changes', 'changed'); RETURN NULL; END $$");
        postgres.update("CREATE TRIGGER \"" + table + "_changed\" AFTER INSERT OR DELETE ON \"" + table + "\" "
                + "FOR EACH STATEMENT EXECUTE FUNCTION \"" + table + "_changed\"()");
        try (AgroalDataSource pool = Tables.pool(postgres, 2)) {
            Semaphore heard = new Semaphore(0);
            try (AutoCloseable subscription = Tables.store(pool, table).subscribe(heard::release)) {
                awaitListeners(postgres, table, 1);
                Tables.insertAsEfCore(postgres, table, "key-1", KEY_1);
                assertThat(heard.tryAcquire(5, TimeUnit.SECONDS)).as("heard .NET's insert").isTrue();
            }
        }
    }

    @Test
    void withNotificationsOff_orOnMariaDb_subscribeListensToNothing_andNeverFails(Databases.Servers servers)
            throws Exception {
        DatabaseServer postgres = servers.postgres();
        DatabaseServer mariadb = servers.mariadb();
        for (DatabaseServer server : List.of(postgres, mariadb)) {
            String table = Tables.create(server, Tables.unique("noListen"));
            try (AgroalDataSource pool = Tables.pool(server, 2)) {
                AtomicInteger calls = new AtomicInteger();
                JdbcXmlRepository store = new JdbcXmlRepository(pool, JdbcRepositoryOptions.defaults()
                        .withTableName(table).withNotifications(server != postgres));
                try (AutoCloseable subscription = store.subscribe(calls::incrementAndGet)) {
                    Thread.sleep(300);
                    store.add(KEY_1, "key-1");
                    Thread.sleep(700);
                }
                assertThat(calls).as(server.kind()).hasValue(0);
            }
        }
        assertThat(listeners(postgres)).isZero();
    }

    private static long listeners(DatabaseServer postgres) {
        return ((Number) postgres.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'").get(0)
                .get(0)).longValue();
    }

    private static void awaitListeners(DatabaseServer postgres, String table, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listeners(postgres) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listeners(postgres)).as("listening on %s", table).isGreaterThanOrEqualTo(count);
    }
}
