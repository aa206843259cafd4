package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/** The JDBC key store against real PostgreSQL and MariaDB servers, checked with raw SQL as EF Core runs it. */
class JdbcXmlRepositoryTest {

    static final String KEY_1 = "<key id=\"80732141-ec8f-4b80-af9c-c4d2d1ff8901\" version=\"1\"><creationDate>"
            + "2015-03-19T23:32:02.3949887Z</creationDate></key>";
    static final String KEY_2 = "<key id=\"00000000-0000-0000-0000-000000000002\" version=\"1\"/>";
    static final String REVOCATION = "<revocation version=\"1\"><revocationDate>2015-03-20T22:45:45.7366491Z"
            + "</revocationDate><key id=\"*\" /><reason>Grüße, 鍵 rotated 🔑</reason></revocation>";

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void addReadAllRemove_roundTrip(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("roundTrip"));
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            store.add(KEY_1, "key-80732141-ec8f-4b80-af9c-c4d2d1ff8901");
            store.add(REVOCATION, "revocation-20150320T224545");

            List<StoredElement> elements = store.readAll();
            assertThat(elements).extracting(StoredElement::xml).containsExactly(KEY_1, REVOCATION);
            assertThat(elements.get(0).name()).matches("row \\d+ \\(key-80732141-ec8f-4b80-af9c-c4d2d1ff8901\\)");

            store.remove(List.of(elements.get(0)));
            assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly(REVOCATION);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void add_insertsOneRowAsEfCoreDoes_friendlyNameAndTheXmlUnchanged(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("efRow"));
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            Tables.store(pool, table).add(REVOCATION, "revocation-20150320T224545");

            List<List<Object>> rows = Tables.rows(server, table);
            assertThat(rows).hasSize(1);
            assertThat(((Number) rows.get(0).get(0)).longValue()).isPositive();
            assertThat(rows.get(0).subList(1, 3)).containsExactly("revocation-20150320T224545", REVOCATION);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void rowsInsertedAsEfCoreDoes_areReadInIdOrder_namedByIdAndFriendlyName(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("efRead"));
        Tables.insertAsEfCore(server, table, "key-1", KEY_1);
        Tables.insertAsEfCore(server, table, null, KEY_2);
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            List<StoredElement> elements = Tables.store(pool, table).readAll();

            List<Object> ids = Tables.rows(server, table).stream().map(row -> row.get(0)).toList();
            assertThat(elements).extracting(StoredElement::xml).containsExactly(KEY_1, KEY_2);
            assertThat(elements).extracting(StoredElement::name).containsExactly("row " + ids.get(0) + " (key-1)",
                    "row " + ids.get(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void remove_deletesExactlyTheGivenRowsById_notOthersWithTheSameXml_andIgnoresRowsAlreadyGone(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("remove"));
        Tables.insertAsEfCore(server, table, "key-1", KEY_1);
        Tables.insertAsEfCore(server, table, "key-1", KEY_1);
        Tables.insertAsEfCore(server, table, "key-2", KEY_2);
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            List<StoredElement> elements = store.readAll();
            store.remove(List.of(elements.get(1), elements.get(2)));
            assertThat(store.readAll()).containsExactly(elements.get(0));

            store.remove(List.of(elements.get(1), elements.get(0)));
            assertThat(Tables.rows(server, table)).isEmpty();
            assertThatThrownBy(() -> store.remove(List.of(new StoredElement("key-1.xml", KEY_1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row <Id>");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void rowWithNullOrEmptyXml_isReadAsUnreadable_namedByItsRow(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("nullXml"));
        Tables.insertAsEfCore(server, table, "key-1", KEY_1);
        Tables.insertAsEfCore(server, table, "revocation-x", null);
        Tables.insertAsEfCore(server, table, null, "");
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            List<StoredElement> elements = Tables.store(pool, table).readAll();

            assertThat(elements).hasSize(3);
            assertThat(elements.get(0).isReadable()).isTrue();
            assertThat(elements.get(1).isReadable()).isFalse();
            assertThat(elements.get(1).name()).endsWith("(revocation-x)");
            assertThat(elements.get(1).problem()).isEqualTo("its Xml column is NULL");
            assertThat(elements.get(2).problem()).isEqualTo("its Xml column is empty");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void missingTable_withoutCreateTable_failsNamingTheStore_andCreatesNothing(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.unique("missing");
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            JdbcXmlRepository store = Tables.store(pool, table);
            assertThatThrownBy(store::readAll).isInstanceOf(XmlRepositoryException.class)
                    .hasMessageStartingWith("JDBC key store jdbc:" + table + " could not be read: ");
            assertThatThrownBy(() -> store.add(KEY_1, "key-1")).isInstanceOf(XmlRepositoryException.class)
                    .hasMessageNotContaining("<key");
            assertThat(columns(pool, table)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void createTable_createsTheTableEfCoreMaps_onFirstUse_onceAmongConcurrentInstances(Databases.Database database)
            throws Exception {
        DatabaseServer server = database.server();
        String table = Tables.unique("created");
        try (AgroalDataSource pool = Tables.pool(server, 8)) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < 4; i++) {
                JdbcXmlRepository store = new JdbcXmlRepository(pool,
                        JdbcRepositoryOptions.defaults().withTableName(table).withCreateTable(true));
                Thread thread = new Thread(() -> {
                    try {
                        store.version();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            assertThat(failures).isEmpty();
            assertThat(columns(pool, table)).containsExactly("Id:false", "FriendlyName:true", "Xml:true");
            JdbcXmlRepository store = Tables.store(pool, table);
            store.add(KEY_1, "key-1");
            assertThat(Tables.xml(server, table)).containsExactly(KEY_1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void description_namesTheTableAndTheDataSource_neverTheUrl(Databases.Database database) {
        DatabaseServer server = database.server();
        try (AgroalDataSource pool = Tables.pool(server, 1)) {
            assertThat(new JdbcXmlRepository(pool).description()).isEqualTo("jdbc:DataProtectionKeys");
            assertThat(new JdbcXmlRepository(pool, JdbcRepositoryOptions.defaults().withDataSourceName("orders"))
                    .description()).isEqualTo("jdbc:DataProtectionKeys@orders");
        }
    }

    /** {@code name:nullable} of each column of {@code table}, in order. */
    static List<String> columns(AgroalDataSource pool, String table) {
        try (Connection connection = pool.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = metadata.getColumns(connection.getCatalog(), null, table, null)) {
                while (rows.next()) {
                    columns.add(
                            rows.getString("COLUMN_NAME") + ":" + (rows.getInt("NULLABLE") == DatabaseMetaData.columnNullable));
                }
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
