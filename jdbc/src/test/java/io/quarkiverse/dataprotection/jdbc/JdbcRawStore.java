package io.quarkiverse.dataprotection.jdbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.RawStore;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.testing.DatabaseServer;

/**
 * A key table of its own as a {@link RawStore}: raw access is SQL as EF Core runs it; each {@link #newStore()} has its
 * own connection pool, closed with this.
 */
final class JdbcRawStore extends RawStore {

    private final DatabaseServer server;
    private final String table;
    private final List<AgroalDataSource> pools = new CopyOnWriteArrayList<>();

    JdbcRawStore(DatabaseServer server, String what) {
        super("jdbc");
        this.server = server;
        this.table = Tables.create(server, Tables.unique(what));
    }

    String table() {
        return table;
    }

    @Override
    public VersionedXmlRepository newStore() {
        AgroalDataSource pool = Tables.pool(server, 4);
        pools.add(pool);
        return Tables.store(pool, table);
    }

    @Override
    public void append(String name, String xml) {
        Tables.insertAsEfCore(server, table, name, xml);
    }

    @Override
    public void remove(String name, String xml) {
        String q = Tables.quote(server);
        server.update("DELETE FROM " + q + table + q + " WHERE " + q + "FriendlyName" + q + " = ? AND " + q + "Xml" + q
                + " = ?", name, xml);
    }

    @Override
    public List<String> entries() {
        return Tables.xml(server, table);
    }

    @Override
    public void wipe() {
        Tables.deleteAll(server, table);
    }

    @Override
    public void close() {
        pools.forEach(AgroalDataSource::close);
    }
}
