package io.quarkiverse.dataprotection.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.agroal.api.AgroalDataSource;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;
import io.quarkiverse.dataprotection.cdi.DataProtectionExtension;
import io.quarkiverse.dataprotection.testing.DatabaseServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The guide's Weld setup, as written there: the application produces the provider on its own data source as an
 * alternative, and the portable extension's {@code @Protector} injection uses it; the key ring lands in the table and
 * the application's pool outlives the container.
 */
@ExtendWith(Databases.class)
class WeldSetupTest {

    /** The application's pool, as the application's own producer (or JNDI) would hand it out. */
    static volatile DataSource applicationPool;
    static volatile String table;

    /** The guide's setup bean, with the data source injected. */
    @ApplicationScoped
    public static class DataProtectionSetup {

        @Inject
        DataSource dataSource;

        @Produces
        @Alternative
        @Priority(1)
        @ApplicationScoped
        DataProtectionProvider provider() {
            return DataProtectionProvider.builder().applicationName("orders")
                    .repository(new JdbcXmlRepository(dataSource, JdbcRepositoryOptions.defaults().withTableName(table)))
                    .build();
        }

        void close(@Disposes DataProtectionProvider provider) {
            provider.close();
        }
    }

    @Dependent
    public static class DataSources {
        @Produces
        DataSource dataSource() {
            return applicationPool;
        }
    }

    @Dependent
    public static class CookieService {
        @Inject
        @Protector("auth-cookie")
        DataProtector cookies;
    }

    @Test
    void providerProducedOnTheApplicationsDataSource_servesProtectors_andKeepsOneKeyInTheTable(Databases.Servers servers)
            throws Exception {
        DatabaseServer postgres = servers.postgres();
        table = Tables.create(postgres, Tables.unique("weld"));
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quarkus.data-protection.application-name", "orders"),
                        "test", 500))
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, Thread.currentThread().getContextClassLoader());
        try (AgroalDataSource pool = Tables.pool(postgres, 3)) {
            applicationPool = pool;
            String cookie;
            try (WeldContainer container = new Weld().disableDiscovery().addExtension(new DataProtectionExtension())
                    .addBeanClasses(DataProtectionSetup.class, DataSources.class, CookieService.class).initialize()) {
                DataProtector cookies = container.select(CookieService.class).get().cookies;
                cookie = cookies.protect("user=42");
                assertThat(cookies.unprotect(cookie)).isEqualTo("user=42");
                assertThat(container.select(DataProtectionProvider.class).get().applicationName()).isEqualTo("orders");
            }

            List<List<Object>> rows = Tables.rows(postgres, table);
            assertThat(rows).hasSize(1);
            assertThat((String) rows.get(0).get(1)).startsWith("key-");
            // The container closed the provider, not the pool: a second container reads the same key ring.
            try (DataProtectionProvider again = DataProtectionProvider.builder().applicationName("orders")
                    .repository(Tables.store(pool, table)).build()) {
                assertThat(again.createProtector("auth-cookie").unprotect(cookie)).isEqualTo("user=42");
            }
        } finally {
            resolver.releaseConfig(config);
            applicationPool = null;
        }
    }
}
