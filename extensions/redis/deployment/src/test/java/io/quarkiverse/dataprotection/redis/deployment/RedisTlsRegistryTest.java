package io.quarkiverse.dataprotection.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkiverse.dataprotection.testing.TestCertificate;
import io.quarkus.test.QuarkusUnitTest;

/** rediss:// with the trust store of a Quarkus TLS registry configuration (a self-signed server certificate). */
class RedisTlsRegistryTest {

    private static Path dir;
    private static int tlsPort;

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestRedis.around(new QuarkusUnitTest(), RedisTlsRegistryTest::tlsServer,
            redis -> Map.of("quarkus.data-protection.redis.hosts", "rediss://127.0.0.1:" + tlsPort,
                    "quarkus.tls.redis-ca.trust-store.pem.certs", dir.resolve("server.pem").toString()))
            .withApplicationRoot(jar -> jar.addClasses(TestRedis.class))
            .overrideConfigKey("quarkus.data-protection.redis.tls-configuration-name", "redis-ca");

    /** A server with a self-signed certificate for 127.0.0.1 on a TLS port (and a plain one for the test). */
    static RedisServer tlsServer() {
        dir = directory();
        tlsPort = freePort();
        return RedisServers.standalone("tls-port " + tlsPort, "tls-cert-file " + dir.resolve("server.pem"),
                "tls-key-file " + dir.resolve("server-key.pem"), "tls-ca-cert-file " + dir.resolve("server.pem"),
                "tls-auth-clients no");
    }

    @Inject
    DataProtectionProvider provider;

    @Test
    void tlsConfigurationName_trustsTheRegistrysCertificates_andTheKeyRingIsInRedis() throws Exception {
        // the key ring is read in the background at start
        assertThat(provider.awaitFirstRead(Duration.ofMinutes(1))).isTrue();
        assertThat(provider.status().isReady()).isTrue();
        assertThat(TestRedis.keyRing()).hasSize(1);
    }

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("redis-tls-registry");
            TestCertificate server = CertificateGenerator.tlsServer();
            Files.writeString(dir.resolve("server.pem"), server.certificatePem());
            Files.writeString(dir.resolve("server-key.pem"), server.privateKeyPem());
            dir.toFile().deleteOnExit();
            dir.resolve("server.pem").toFile().deleteOnExit();
            dir.resolve("server-key.pem").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
