package io.quarkiverse.dataprotection.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;

/**
 * The database of {@code key-store=jdbc} for the command line, which has no datasource beans: the service's own
 * {@code quarkus.datasource[."name"].jdbc.url}, {@code .username} and {@code .password} (so the environment variable
 * {@code QUARKUS_DATASOURCE_PASSWORD} works as for the service), each overridden by {@code --jdbc-url},
 * {@code --jdbc-user} and {@code --jdbc-password}. A command runs a handful of statements, so every connection is a
 * new one through {@link DriverManager}; the PostgreSQL and MariaDB drivers are on the command's class path.
 * <p>
 * Immutable and thread-safe; {@link #toString()} never shows the password.
 */
final class JdbcConnection implements DataSource {

    private final String url;
    private final String user;
    private final String password;

    private JdbcConnection(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The datasource {@code name} ({@code null} for the default one) as configured, with the options applied.
     *
     * @throws CliException with {@link ExitCode#CONFIG} when no URL is given, naming the property and the option
     */
    static Optional<DataSource> of(Config config, String name, String urlOption, String userOption,
            String passwordOption) {
        String prefix = name == null ? "quarkus.datasource." : "quarkus.datasource.\"" + name + "\".";
        String url = urlOption != null ? urlOption
                : config.getOptionalValue(prefix + "jdbc.url", String.class).orElse(null);
        if (url == null || url.isBlank()) {
            throw new CliException(ExitCode.CONFIG, "Missing " + prefix + "jdbc.url: " + RingOptions.PREFIX
                    + "key-store=jdbc needs the database; give --jdbc-url jdbc:postgresql://host:5432/db (or a "
                    + "jdbc:mariadb: URL), or --config with the service's " + prefix + "jdbc.url");
        }
        if (!url.startsWith("jdbc:")) {
            throw new CliException(ExitCode.CONFIG, "Invalid " + prefix + "jdbc.url (--jdbc-url): it must start "
                    + "with jdbc:, e.g. jdbc:postgresql://host:5432/db");
        }
        String user = userOption != null ? userOption
                : config.getOptionalValue(prefix + "username", String.class).orElse(null);
        String password = passwordOption != null ? passwordOption
                : config.getOptionalValue(prefix + "password", String.class).orElse(null);
        return Optional.of(new JdbcConnection(url, user, password));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager's own log writer is left alone
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "JdbcConnection[" + url + ", user " + user + "]";
    }
}
