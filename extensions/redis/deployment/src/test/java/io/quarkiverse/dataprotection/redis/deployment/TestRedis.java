package io.quarkiverse.dataprotection.redis.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RespClient;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A redis-server around one {@link QuarkusUnitTest} class. QuarkusUnitTest loads the test class a second time in the
 * application's class loader, so a server started in a static field would be started twice and the test would talk
 * to the other one; this starts it once, before the application (in JUnit's class loader), hands its address to
 * the application as system properties, and stops it after the application. Tests reach it through
 * {@link #command}. One class at a time (surefire runs them one after the other).
 */
final class TestRedis {

    private static final String PORT = "data-protection.test.redis.port";
    private static RedisServer server;
    private static Map<String, String> properties = Map.of();

    private TestRedis() {
    }

    /**
     * {@code test} with a server from {@code start} and the system properties {@code configuration} derives from it
     * (at least {@code quarkus.data-protection.redis.hosts}).
     */
    static QuarkusUnitTest around(QuarkusUnitTest test, Supplier<RedisServer> start,
            java.util.function.Function<RedisServer, Map<String, String>> configuration) {
        return test.setBeforeAllCustomizer(() -> {
            server = start.get();
            properties = configuration.apply(server);
            properties.forEach(System::setProperty);
            System.setProperty(PORT, Integer.toString(server.port()));
        }).setAfterAllCustomizer(() -> {
            properties.keySet().forEach(System::clearProperty);
            System.clearProperty(PORT);
            if (server != null) {
                server.close();
                server = null;
            }
        });
    }

    /** The plain (non-TLS) address of the server. */
    static String uri() {
        return "redis://127.0.0.1:" + Integer.getInteger(PORT);
    }

    /** One command to the server, as the default user without a password. */
    static Object command(String... command) {
        return RespClient.call("127.0.0.1", Integer.getInteger(PORT), Duration.ofSeconds(5), command);
    }

    /** The key ring list's entries. */
    static List<?> keyRing() {
        return (List<?>) command("LRANGE", "DataProtection-Keys", "0", "-1");
    }

    /** The lines of CLIENT LIST for connections named {@code data-protection}. */
    static List<String> ourConnections() {
        return String.valueOf(command("CLIENT", "LIST")).lines()
                .filter(line -> line.contains(" name=data-protection ")).toList();
    }
}
