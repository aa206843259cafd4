package io.quarkiverse.dataprotection.jdbc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkiverse.dataprotection.RawStore;
import io.quarkiverse.dataprotection.internal.keyring.IncompleteReadContract;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/** {@link IncompleteReadContract} on a key table of a real PostgreSQL and a real MariaDB server. */
class IncompleteReadJdbcTest {

    @Nested
    @ExtendWith(Databases.class)
    class OnPostgres extends IncompleteReadContract {

        DatabaseServer server;

        @BeforeEach
        void server(Databases.Servers servers) {
            server = servers.postgres();
        }

        @Override
        protected RawStore newRawStore(String name) {
            return new JdbcRawStore(server, "incomplete");
        }
    }

    @Nested
    @ExtendWith(Databases.class)
    class OnMariaDb extends IncompleteReadContract {

        DatabaseServer server;

        @BeforeEach
        void server(Databases.Servers servers) {
            server = servers.mariadb();
        }

        @Override
        protected RawStore newRawStore(String name) {
            return new JdbcRawStore(server, "incomplete");
        }
    }

}
