package io.quarkiverse.dataprotection.cdi;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/** The application's datasources, as an application produces them (its own pool, or a JNDI lookup). */
final class ApplicationDataSources {

    /** Set by the test before the container starts. */
    static volatile DataSource defaultDataSource;
    static volatile DataSource keysDataSource;

    private ApplicationDataSources() {
    }

    /** A {@code DataSource} bean with the default qualifier. */
    @Dependent
    public static class Default {
        @Produces
        DataSource dataSource() {
            return defaultDataSource;
        }
    }

    /** A {@code DataSource} bean {@code @Named("keys")}. */
    @Dependent
    public static class NamedKeys {
        @Produces
        @Named("keys")
        DataSource dataSource() {
            return keysDataSource;
        }
    }
}
