package io.quarkiverse.dataprotection.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RedisServersTest {

    @Test
    void standalone_answersRawCommands_andRestartsEmptyOnTheSamePort() {
        Path directory;
        try (RedisServer redis = RedisServers.standalone()) {
            directory = redis.directory();
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(redis.rpush("list", "a", "b")).isEqualTo(2);
            assertThat(redis.rpush("list", "c €")).isEqualTo(3);
            assertThat(redis.lrange("list")).containsExactly("a", "b", "c €");

            int port = redis.port();
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(UncheckedIOException.class);

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.lrange("list")).isEmpty();

            redis.rpush("list", "x");
            redis.flushAll();
            assertThat(redis.lrange("list")).isEmpty();
        }
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void sentinel_knowsMasterAndReplica() {
        try (RedisSentinelGroup group = RedisServers.sentinel()) {
            assertThat(group.sentinel().command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName()))
                    .isEqualTo(java.util.List.of("127.0.0.1", String.valueOf(group.master().port())));
            group.master().rpush("k", "v");
            assertThat(group.master().lrange("k")).containsExactly("v");
        }
    }

    @Test
    void cluster_isOk_andCommandsFollowMoved() {
        try (RedisCluster cluster = RedisServers.cluster()) {
            assertThat(cluster.uris()).hasSize(3);
            for (String key : new String[] { "a", "b", "c", "DataProtection-Keys" }) {
                cluster.command("RPUSH", key, "v-" + key);
                assertThat(cluster.command("LRANGE", key, "0", "-1")).isEqualTo(java.util.List.of("v-" + key));
            }
        }
    }
}
