package io.quarkiverse.dataprotection.jdbc;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

import io.quarkiverse.dataprotection.testing.DatabaseServer;
import io.quarkiverse.dataprotection.testing.DatabaseServers;

/** Gives a {@code @ParameterizedTest} a server of its own of each kind, for tests that stop or restart it. */
final class OwnDatabases implements ArgumentsProvider {

    /** Starts the server; the test closes it. */
    record Own(String kind, Supplier<DatabaseServer> starter) {
        DatabaseServer start() {
            return starter.get();
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return Stream.of(Arguments.of(new Own("postgresql", DatabaseServers::postgres)),
                Arguments.of(new Own("mariadb", DatabaseServers::mariadb)));
    }
}
