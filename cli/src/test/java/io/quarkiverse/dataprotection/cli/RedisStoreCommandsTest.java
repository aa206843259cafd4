package io.quarkiverse.dataprotection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.redis.RedisConnectionSettings;
import io.quarkiverse.dataprotection.redis.RedisXmlRepository;
import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/** Every subcommand on a Redis list, on a real redis-server. */
class RedisStoreCommandsTest extends RingCommandsContract {

    private static final String LIST = "Service-Keys";
    private static RedisServer redis;
    private final List<RedissonClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServers.standalone();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    @AfterEach
    void shutDownClients() {
        clients.forEach(RedissonClient::shutdown);
    }

    @Override
    String[] ring() {
        return new String[] { "--redis-url", redis.uri(), "--redis-list-key", LIST };
    }

    @Override
    DataProtectionProviderBuilder serviceBuilder() {
        RedissonClient client = RedissonClients.create(RedisConnectionSettings.standalone(redis.uri()));
        clients.add(client);
        return DataProtectionProvider.builder().repository(new RedisXmlRepository(client, LIST));
    }

    @Override
    String expectedEncryption() {
        return "none (unencrypted)";
    }

    @Test
    void create_writesOneElementToTheConfiguredList() {
        String id = createKey();

        assertThat(redis.lrange(LIST)).singleElement().asString().startsWith("<key id=\"" + id + "\"");
    }

    @Test
    void list_redisDown_exitsThreeNamingTheStore() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Cli.Result list = Cli.run("list", "--redis-url", "redis://127.0.0.1:" + closedPort,
                "-Dquarkus.data-protection.redis.connect-timeout=1S");

        assertThat(list.code()).as(list.toString()).isEqualTo(ExitCode.STORE_UNREACHABLE);
        assertThat(list.err()).contains("error: ").contains("DataProtection-Keys").contains("could not be read");
        assertThat(list.err().lines().filter(line -> line.startsWith("error:"))).hasSize(1);
    }
}
