package io.quarkiverse.dataprotection.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.dataprotection.redis.RedissonClients;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * The production Redis settings in Weld ({@code redis.pool.*}, {@code command-timeout}, {@code retry-*},
 * {@code redis.tls.*}), against real redis-server processes: they reach the connections Redis sees.
 */
class RedisPoolAndTlsSettingsTest {

    static final String P = RedisSettingsTest.P;

    @Test
    void poolMinIdle_opensThatManyCommandConnections() {
        try (RedisServer redis = RedisServers.standalone()) {
            Map<String, String> settings = RedisSettingsTest.redis(redis.uri());
            settings.put(P + "redis.pool.min-idle", "5");
            settings.put(P + "redis.pool.max-size", "6");
            settings.put(P + "redis.command-timeout", "2S");
            settings.put(P + "redis.retry-attempts", "1");
            settings.put(P + "redis.retry-interval", "100MS");
            try (CdiApp app = CdiApp.start(settings)) {
                app.protector().protect("x");

                assertThat(commandConnections(redis)).isEqualTo(5);
            }
        }
    }

    @Test
    void defaultPool_opensOneCommandConnection() {
        try (RedisServer redis = RedisServers.standalone();
                CdiApp app = CdiApp.start(RedisSettingsTest.redis(redis.uri()))) {
            app.protector().protect("x");

            assertThat(commandConnections(redis)).isEqualTo(1);
        }
    }

    @Test
    void minIdleAboveMaxSize_failsTheStart_namingTheProperties() {
        Map<String, String> settings = RedisSettingsTest.redis("redis://127.0.0.1:7999");
        settings.put(P + "redis.pool.min-idle", "8");
        settings.put(P + "redis.pool.max-size", "2");
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("quarkus.data-protection.redis.pool.min-idle")
                .hasStackTraceContaining("quarkus.data-protection.redis.pool.max-size");
    }

    @Test
    void invalidTimeoutsAndRetries_failTheStart_namingTheirProperties() {
        Map<String, String> commandTimeout = RedisSettingsTest.redis("redis://127.0.0.1:7999");
        commandTimeout.put(P + "redis.command-timeout", "0s");
        assertThatThrownBy(() -> CdiApp.start(commandTimeout).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.command-timeout=PT0S: it must be "
                        + "positive");

        Map<String, String> retryInterval = RedisSettingsTest.redis("redis://127.0.0.1:7999");
        retryInterval.put(P + "redis.retry-interval", "0s");
        assertThatThrownBy(() -> CdiApp.start(retryInterval).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.retry-interval=PT0S: it must be "
                        + "positive");

        Map<String, String> retryAttempts = RedisSettingsTest.redis("redis://127.0.0.1:7999");
        retryAttempts.put(P + "redis.retry-attempts", "-1");
        assertThatThrownBy(() -> CdiApp.start(retryAttempts).close())
                .hasStackTraceContaining("Invalid quarkus.data-protection.redis.retry-attempts=-1: it must be 0 or "
                        + "more");
    }

    @Test
    void rediss_withTrustStoreProperty_reachesAServerSignedByAPrivateCa(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        makeCertificates(dir);
        int tlsPort = freePort();
        try (RedisServer redis = tlsServer(dir, tlsPort)) {
            Map<String, String> settings = RedisSettingsTest.redis("rediss://127.0.0.1:" + tlsPort);
            settings.put(P + "redis.tls.trust-store.path", dir.resolve("trust.p12").toString());
            settings.put(P + "redis.tls.trust-store.password", "changeit");
            try (CdiApp app = CdiApp.start(settings)) {
                assertThat(app.protector().unprotect(app.protector().protect("tls"))).isEqualTo("tls");
                assertThat(app.provider().status().isReady()).isTrue();
            }
            assertThat(redis.lrange("DataProtection-Keys")).hasSize(1);

            // Without the trust store the private CA is refused: the ring is never read.
            settings.remove(P + "redis.tls.trust-store.path");
            settings.remove(P + "redis.tls.trust-store.password");
            settings.put(P + "redis.connect-timeout", "2S");
            settings.put(P + "redis.retry-attempts", "0");
            try (CdiApp app = CdiApp.start(settings)) {
                assertThat(app.provider().status().isReady()).isFalse();
            }
        }
    }

    @Test
    void wrongTrustStorePassword_failsTheStart_namingThePropertyWithoutThePassword(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        makeCertificates(dir);
        Map<String, String> settings = RedisSettingsTest.redis("rediss://127.0.0.1:7999");
        settings.put(P + "redis.tls.trust-store.path", dir.resolve("trust.p12").toString());
        settings.put(P + "redis.tls.trust-store.password", "not-the-password");
        assertThatThrownBy(() -> CdiApp.start(settings).close())
                .hasStackTraceContaining("quarkus.data-protection.redis.tls.trust-store")
                .satisfies(e -> assertThat(RedisSettingsTest.stackTrace(e)).doesNotContain("not-the-password"));
    }

    /** Connections of our client that carry commands (pub/sub connections have a subscription). */
    private static long commandConnections(RedisServer redis) {
        return String.valueOf(redis.command("CLIENT", "LIST")).lines()
                .filter(line -> line.contains(" name=" + RedissonClients.CLIENT_NAME + " "))
                .filter(line -> line.contains(" sub=0 ") && line.contains(" psub=0 "))
                .count();
    }

    private static RedisServer tlsServer(Path dir, int tlsPort) {
        return RedisServers.standalone("tls-port " + tlsPort, "tls-cert-file " + dir.resolve("server.crt"),
                "tls-key-file " + dir.resolve("server.key"), "tls-ca-cert-file " + dir.resolve("ca.crt"),
                "tls-auth-clients no");
    }

    /** A private CA, a server certificate for 127.0.0.1 it signed, and a PKCS#12 trust store holding the CA. */
    private static void makeCertificates(Path dir) throws Exception {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test-ca",
                "-keyout", "ca.key", "-out", "ca.crt");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "1", "-extfile", "san.ext", "-out", "server.crt");
        run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12", "-storetype", "PKCS12",
                "-storepass", "changeit");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s: %s", command[0], output).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
