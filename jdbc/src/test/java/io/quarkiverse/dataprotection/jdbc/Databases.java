package io.quarkiverse.dataprotection.jdbc;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

import io.quarkiverse.dataprotection.testing.DatabaseServer;
import io.quarkiverse.dataprotection.testing.DatabaseServers;

/**
 * The module's PostgreSQL and MariaDB servers, started on first use and stopped when the whole test run ends (they are
 * kept in JUnit's store of the execution request, which closes them): starting a server per test class would cost more than the
 * tests. Tests
 * sharing them use their own table names ({@link Tables#unique}). As an {@link ArgumentsProvider}, it gives both
 * servers to a {@code @ParameterizedTest}; as an extension ({@code @ExtendWith(Databases.class)}), it gives test
 * methods a {@link Servers} parameter.
 */
final class Databases implements ArgumentsProvider, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Databases.class);

    /** Closes a server with the test run. */
    private record Running(DatabaseServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /**
     * The server a parameterized test runs on. (Not the server itself: JUnit closes arguments that are
     * {@link AutoCloseable} after each invocation.)
     */
    record Database(DatabaseServer server) {
        @Override
        public String toString() {
            return server.kind();
        }
    }

    /** Both servers, each started on first use. */
    record Servers(ExtensionContext context) {
        DatabaseServer postgres() {
            return Databases.postgres(context);
        }

        DatabaseServer mariadb() {
            return Databases.mariadb(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Servers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new Servers(context);
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return Stream.of(Arguments.of(new Database(postgres(context))), Arguments.of(new Database(mariadb(context))));
    }

    static DatabaseServer postgres(ExtensionContext context) {
        return shared(context, "postgresql", DatabaseServers::postgres);
    }

    static DatabaseServer mariadb(ExtensionContext context) {
        return shared(context, "mariadb", DatabaseServers::mariadb);
    }

    private static DatabaseServer shared(ExtensionContext context, String kind, Supplier<DatabaseServer> start) {
        return context.getStore(ExtensionContext.StoreScope.EXECUTION_REQUEST, NAMESPACE)
                .computeIfAbsent(kind, k -> new Running(start.get()), Running.class).server();
    }
}
