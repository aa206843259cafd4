package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * A write the database refuses for the values themselves (a CHECK constraint a DBA added): PostgreSQL answers with the
 * whole failing row in its detail, key XML included. The store's exception, and its cause, name the constraint and the
 * SQL state, and nothing of the row.
 */
class JdbcFailureMessageTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void insertRefusedByACheckConstraint_failureQuotesNoKeyXml_norItsCause(Databases.Database database) {
        DatabaseServer server = database.server();
        String table = Tables.create(server, Tables.unique("refused"));
        String q = Tables.quote(server);
        server.update("ALTER TABLE " + q + table + q + " ADD CONSTRAINT short_xml CHECK (LENGTH(" + q + "Xml" + q
                + ") < 10)");
        UUID id = UUID.randomUUID();
        String xml = Fleet.aspNetKeyXml(id, Instant.now(), Instant.now(), Instant.now().plusSeconds(3600));
        String masterKey = xml.substring(xml.indexOf("<value>") + 7, xml.indexOf("</value>"));
        try (AgroalDataSource pool = Tables.pool(server, 2)) {
            XmlRepositoryException e = catchThrowableOfType(XmlRepositoryException.class,
                    () -> Tables.store(pool, table).add(xml, "key-" + id));

            assertThat(e).hasMessageStartingWith("JDBC key store jdbc:" + table + " could not be appended to: ")
                    .hasMessageContaining("short_xml").hasMessageContaining("SQLState");
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(t.getMessage()).as(t.getClass().getName()).doesNotContain("<key").doesNotContain(masterKey)
                        .doesNotContain("<value>");
            }
            assertThat(e.getCause().getCause()).as("the driver's exception is not kept").isNull();
        }
    }
}
