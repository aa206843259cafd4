package io.quarkiverse.dataprotection.jdbc.runtime;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionManager;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.jdbc.JdbcRepositoryOptions;
import io.quarkiverse.dataprotection.jdbc.JdbcXmlRepository;
import io.quarkiverse.dataprotection.runtime.ConfigErrors;
import io.quarkiverse.dataprotection.runtime.spi.OpenedRepository;
import io.quarkiverse.dataprotection.runtime.spi.RepositoryFactory;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Opens the database key store on the application's Agroal datasource: the default one, or the one named by
 * {@code quarkus.data-protection.jdbc.datasource}. The datasource belongs to the application and is never closed here.
 * Store operations run outside any transaction of the caller (see {@link OutsideTransactions}).
 */
@Singleton
class JdbcRepositoryFactory implements RepositoryFactory {

    private static final Logger LOG = Logger.getLogger(JdbcRepositoryFactory.class);
    static final String DEFAULT_DATASOURCE = "<default>";

    private final DataProtectionJdbcConfig jdbc;
    private final Instance<AgroalDataSource> dataSources;
    private final Instance<TransactionManager> transactionManager;

    JdbcRepositoryFactory(DataProtectionJdbcConfig jdbc, @Any Instance<AgroalDataSource> dataSources,
            Instance<TransactionManager> transactionManager) {
        this.jdbc = jdbc;
        this.dataSources = dataSources;
        this.transactionManager = transactionManager;
    }

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public OpenedRepository open() {
        String name = jdbc.datasource().map(String::strip).filter(n -> !n.isEmpty()).orElse(DEFAULT_DATASOURCE);
        JdbcRepositoryOptions options = options(jdbc, name);
        VersionedXmlRepository repository = new JdbcXmlRepository(dataSource(name), options);
        if (transactionManager.isResolvable()) {
            repository = new OutsideTransactions(repository, transactionManager.get());
        }
        LOG.debugf("Data protection keeps its keys in table %s of datasource %s", options.tableName(), name);
        return OpenedRepository.unmanaged(repository);
    }

    /**
     * @throws ConfigurationException naming the property, the value and the rule
     */
    static JdbcRepositoryOptions options(DataProtectionJdbcConfig jdbc, String dataSourceName) {
        return JdbcRepositoryOptions.fromSettings(jdbc.tableName(), jdbc.createTable(), jdbc.notifications(),
                jdbc.queryTimeout(), dataSourceName, (setting, value, rule) -> ConfigErrors.invalid(switch (setting) {
                    case TABLE_NAME -> "jdbc.table-name";
                    case QUERY_TIMEOUT -> "jdbc.query-timeout";
                }, value, rule));
    }

    private javax.sql.DataSource dataSource(String name) {
        Instance<AgroalDataSource> selected = DEFAULT_DATASOURCE.equals(name)
                ? dataSources.select(Default.Literal.INSTANCE)
                : dataSources.select(new DataSource.DataSourceLiteral(name));
        if (!selected.isResolvable()) {
            throw DEFAULT_DATASOURCE.equals(name)
                    ? ConfigErrors.missing("jdbc.datasource", "quarkus.data-protection.key-store=jdbc needs a "
                            + "datasource: configure the default one (quarkus.datasource.db-kind, "
                            + "quarkus.datasource.jdbc.url) or name a configured one")
                    : ConfigErrors.invalid("jdbc.datasource", name, "no datasource of that name is configured; set "
                            + "quarkus.datasource.\"" + name + "\".db-kind and .jdbc.url, or name another one");
        }
        try {
            return selected.get();
        } catch (RuntimeException e) {
            throw new ConfigurationException("The datasource " + name + " of quarkus.data-protection.jdbc.datasource "
                    + "cannot be used: " + e.getMessage(), e);
        }
    }
}
