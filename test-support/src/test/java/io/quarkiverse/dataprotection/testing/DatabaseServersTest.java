package io.quarkiverse.dataprotection.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgreSQL and MariaDB test servers: they answer SQL, keep their data over restarts and kills, and never outlive the JVM.
 */
class DatabaseServersTest {

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("postgresql", (Supplier<DatabaseServer>) DatabaseServers::postgres),
                Arguments.of("mariadb", (Supplier<DatabaseServer>) DatabaseServers::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void server_answersSql_keepsItsDataOverRestartAndKill_andCloseDeletesItsDirectory(String kind,
            Supplier<DatabaseServer> start) {
        Path directory;
        try (DatabaseServer server = start.get()) {
            directory = server.directory();
            assertThat(server.kind()).isEqualTo(kind);
            assertThat(server.jdbcUrl()).startsWith("jdbc:" + kind + "://127.0.0.1:" + server.port() + "/");
            server.update("CREATE TABLE kept (id int)");
            server.update("INSERT INTO kept (id) VALUES (?)", 7);

            server.restart();
            assertThat(server.query("SELECT id FROM kept")).containsExactly(List.of(7));

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> server.query("SELECT 1")).isInstanceOf(IllegalStateException.class);
            server.start();
            assertThat(server.query("SELECT id FROM kept")).containsExactly(List.of(7));
        }
        assertThat(directory).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void serverOfAJvmKilledWithSigkill_stopsAndItsDirectoryIsDeleted(String kind, Supplier<DatabaseServer> ignored)
            throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseOrphanProbe.class.getName(), kind)
                .redirectErrorStream(true).start();
        int port;
        Path directory;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            port = Integer.parseInt(out.readLine().trim());
            directory = Path.of(out.readLine().trim());
            assertThat(directory).isDirectory();
            assertThat(listening(port)).isTrue();

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while ((listening(port) || Files.exists(directory)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(listening(port)).as("%s on port %d stopped after its JVM was killed", kind, port).isFalse();
        assertThat(directory).doesNotExist();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
