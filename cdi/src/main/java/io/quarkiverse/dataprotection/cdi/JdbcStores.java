package io.quarkiverse.dataprotection.cdi;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.jdbc.JdbcRepositoryOptions;
import io.quarkiverse.dataprotection.jdbc.JdbcXmlRepository;

/**
 * The only class of the extension that touches the JDBC module (an optional dependency; {@link OptionalModule#JDBC}
 * is checked before it loads). The store runs on the application's {@link DataSource}, which it never closes; nothing
 * touches the database before the provider's first read.
 * <p>
 * Stateless.
 */
final class JdbcStores {

    private static final Logger LOG = Logger.getLogger(JdbcStores.class);
    private static final String DEFAULT = "<default>";

    private JdbcStores() {
    }

    /**
     * Checks the settings and finds the datasource, then returns what opens the store.
     *
     * @throws IllegalArgumentException naming the property to fix, also when there is no such datasource
     */
    static Supplier<KeyStores.OpenedStore> prepare(JdbcConfig jdbc, ApplicationBeans beans) {
        String name = jdbc.datasource().map(String::strip).filter(n -> !n.isEmpty()).orElse(DEFAULT);
        JdbcRepositoryOptions options = options(jdbc, name);
        DataSource dataSource = (DEFAULT.equals(name) ? beans.dataSource(null) : beans.dataSource(name))
                .orElseThrow(() -> DEFAULT.equals(name)
                        ? ConfigErrors.missing("jdbc.datasource", ConfigErrors.PREFIX + "key-store=jdbc needs a "
                                + "javax.sql.DataSource: give the application one DataSource bean with the default "
                                + "qualifier, or name a @Named one with " + ConfigErrors.PREFIX + "jdbc.datasource")
                        : ConfigErrors.invalid("jdbc.datasource", name, "the application has no javax.sql.DataSource "
                                + "bean @Named(\"" + name + "\"); produce one, or name another"));
        LOG.debugf("Data protection keeps its keys in table %s of datasource %s", options.tableName(), name);
        return () -> KeyStores.OpenedStore.unmanaged(new JdbcXmlRepository(dataSource, options));
    }

    /** The store's options; their own validation is reported under the property. */
    static JdbcRepositoryOptions options(JdbcConfig jdbc, String dataSourceName) {
        return JdbcRepositoryOptions.fromSettings(jdbc.tableName(), jdbc.createTable(), jdbc.notifications(),
                jdbc.queryTimeout(), dataSourceName, (setting, value, rule) -> ConfigErrors.invalid(switch (setting) {
                    case TABLE_NAME -> "jdbc.table-name";
                    case QUERY_TIMEOUT -> "jdbc.query-timeout";
                }, value, rule));
    }
}
