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
    void passwordProtectedServer_isReady_andCommandsAuthenticate() {
        try (RedisServer redis = RedisServers.standalone("requirepass s3cret")) {
            assertThat(redis.rpush("list", "a")).isEqualTo(1);
            assertThatThrownBy(() -> RespClient.call(redis.host(), redis.port(), java.time.Duration.ofSeconds(2),
                    "LRANGE", "list", "0", "-1")).isInstanceOf(RespClient.RedisErrorReply.class)
                    .hasMessageStartingWith("NOAUTH");
            redis.restart();
            assertThat(redis.command("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void sentinel_knowsMasterAndReplica_andFailsOver() {
        try (RedisSentinelGroup group = RedisServers.sentinel()) {
            assertThat(group.sentinel().command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName()))
                    .isEqualTo(java.util.List.of("127.0.0.1", String.valueOf(group.master().port())));
            group.master().rpush("k", "v");
            assertThat(group.master().lrange("k")).containsExactly("v");

            RedisServer promoted = group.failover();
            assertThat(promoted).isSameAs(group.replica());
            assertThat(group.currentMaster()).isSameAs(group.replica());
            group.command("RPUSH", "k", "w");
            assertThat(promoted.lrange("k")).containsExactly("v", "w");
        }
    }

    @Test
    void jvmKilledWithSigkill_takesItsRedisServerAndDirectoryWithIt() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName())
                .redirectErrorStream(true).start();
        int port;
        Path directory;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()))) {
            port = Integer.parseInt(out.readLine().trim());
            directory = Path.of(out.readLine().trim());
            assertThat(directory).isDirectory();
            assertThat(RespClient.call("127.0.0.1", port, java.time.Duration.ofSeconds(2), "PING")).isEqualTo("PONG");

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.waitFor();
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        boolean gone = false;
        while (!gone && System.nanoTime() < deadline) {
            try {
                RespClient.call("127.0.0.1", port, java.time.Duration.ofMillis(500), "PING");
                Thread.sleep(50);
            } catch (UncheckedIOException e) {
                gone = true;
            }
        }
        assertThat(gone).as("redis-server on port %d stopped after its JVM was killed", port).isTrue();
        while (Files.exists(directory) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void frozenServer_acceptsConnectionsButDoesNotAnswer_andThawedAnswersWithItsData() {
        try (RedisServer redis = RedisServers.standalone()) {
            redis.rpush("list", "a");
            redis.freeze();
            assertThat(redis.isFrozen()).isTrue();
            assertThatThrownBy(() -> RespClient.call(redis.host(), redis.port(), java.time.Duration.ofMillis(300),
                    "PING")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("timed out");

            redis.thaw();
            assertThat(redis.isFrozen()).isFalse();
            assertThat(redis.lrange("list")).containsExactly("a");
            redis.freeze(); // close() must still stop a frozen server
        }
    }

    @Test
    void clusterMasterOfAKey_killedAndRestarted_servesItsSlotsAgain() {
        try (RedisCluster cluster = RedisServers.cluster()) {
            RedisServer owner = cluster.masterOf("DataProtection-Keys");
            cluster.command("RPUSH", "DataProtection-Keys", "v");
            assertThat(owner.lrange("DataProtection-Keys")).containsExactly("v");

            owner.kill();
            assertThatThrownBy(() -> cluster.command("LRANGE", "DataProtection-Keys", "0", "-1"))
                    .isInstanceOf(RuntimeException.class);
            owner.restart();
            cluster.awaitOk();
            assertThat(cluster.masterOf("DataProtection-Keys")).isSameAs(owner);
            assertThat(cluster.command("LRANGE", "DataProtection-Keys", "0", "-1")).isEqualTo(java.util.List.of());
        }
    }

    @Test
    void unprivilegedJvm_cannotReadAnOwnerOnlyFile_butReadsAWorldReadableOne() throws Exception {
        try (UnprivilegedJvm jvm = UnprivilegedJvm.create()) {
            Path secret = Files.writeString(jvm.directory().resolve("secret.txt"), "s");
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path open = Files.writeString(jvm.directory().resolve("open.txt"), "o");
            Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

            UnprivilegedJvm.Result result = jvm.run(java.time.Duration.ofSeconds(60), ReadFiles.class,
                    open.toString(), secret.toString());

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("open.txt: o", "secret.txt: AccessDeniedException");
            if (UnprivilegedJvm.runningAsRoot()) {
                assertThat(result.output()).contains("user.name=nobody");
            }
        }
    }

    /** Entry point of the unprivileged child: prints each file's content or why it cannot read it. */
    public static final class ReadFiles {
        public static void main(String[] args) {
            System.out.println("user.name=" + System.getProperty("user.name"));
            for (String file : args) {
                Path path = Path.of(file);
                try {
                    System.out.println(path.getFileName() + ": " + Files.readString(path));
                } catch (java.io.IOException e) {
                    System.out.println(path.getFileName() + ": " + e.getClass().getSimpleName());
                }
            }
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
