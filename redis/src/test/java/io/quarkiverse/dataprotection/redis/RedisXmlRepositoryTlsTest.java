package io.quarkiverse.dataprotection.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;

/**
 * rediss:// addresses turn TLS on, with host name verification, against a real TLS-enabled redis-server; the trust
 * store and key store of {@link RedisTls} reach the connection.
 */
class RedisXmlRepositoryTlsTest {

    @Test
    void redissAddress_withCustomTrustStore_storeWorksOverTls_andPlainRedisOnTheTlsPortFails(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        makeCertificates(dir);
        int tlsPort = freePort();
        try (RedisServer redis = tlsServer(dir, tlsPort, false)) {
            // A private CA, as in a test or a company network: trusted through the settings.
            RedisTls tls = RedisTls.trustStore(dir.resolve("trust.p12"), "changeit", null);
            assertRoundTrip(RedisConnectionSettings.standalone("rediss://127.0.0.1:" + tlsPort).withTls(tls), redis);

            // The same port without TLS (redis://) does not work: the scheme is what turns TLS on.
            RedissonClient plain = RedissonClients.create(
                    RedisXmlRepositoryOutageTest.fastFailing("redis://127.0.0.1:" + tlsPort));
            try {
                assertThatThrownBy(() -> new RedisXmlRepository(plain).readAll()).isInstanceOf(XmlRepositoryException.class);
            } finally {
                plain.shutdown();
            }
        }
    }

    @Test
    void pemTrustStore_asKubernetesSecretsHoldIt_isTrusted(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        makeCertificates(dir);
        int tlsPort = freePort();
        try (RedisServer redis = tlsServer(dir, tlsPort, false)) {
            RedisTls tls = RedisTls.trustStore(dir.resolve("ca.crt"), null, null);
            assertRoundTrip(RedisConnectionSettings.standalone("rediss://127.0.0.1:" + tlsPort).withTls(tls), redis);
        }
    }

    @Test
    void withoutTheTrustStore_thePrivateCaIsRefused(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        makeCertificates(dir);
        int tlsPort = freePort();
        try (RedisServer redis = tlsServer(dir, tlsPort, false)) {
            RedissonClient client = RedissonClients.create(
                    RedisXmlRepositoryOutageTest.fastFailing("rediss://127.0.0.1:" + tlsPort));
            try {
                assertThatThrownBy(() -> new RedisXmlRepository(client).readAll())
                        .isInstanceOf(XmlRepositoryException.class);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void clientCertificate_fromKeyStore_isAcceptedByAServerThatRequiresOne(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make test certificates");
        makeCertificates(dir);
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=data-protection",
                "-keyout", "client.key", "-out", "client.csr");
        run(dir, "openssl", "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "1", "-out", "client.crt");
        run(dir, "openssl", "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:client-pass");
        int tlsPort = freePort();
        try (RedisServer redis = tlsServer(dir, tlsPort, true)) {
            RedisTls tls = RedisTls.trustStore(dir.resolve("trust.p12"), "changeit", "PKCS12")
                    .withKeyStore(dir.resolve("client.p12"), "client-pass", null);
            assertRoundTrip(RedisConnectionSettings.standalone("rediss://127.0.0.1:" + tlsPort).withTls(tls), redis);

            RedisTls trustOnly = RedisTls.trustStore(dir.resolve("trust.p12"), "changeit", "PKCS12");
            RedissonClient anonymous = RedissonClients.create(
                    RedisXmlRepositoryOutageTest.fastFailing("rediss://127.0.0.1:" + tlsPort).withTls(trustOnly));
            try {
                assertThatThrownBy(() -> new RedisXmlRepository(anonymous).readAll())
                        .isInstanceOf(XmlRepositoryException.class);
            } finally {
                anonymous.shutdown();
            }
        }
    }

    private static RedisServer tlsServer(Path dir, int tlsPort, boolean clientCertificates) {
        return RedisServers.standalone(
                "tls-port " + tlsPort,
                "tls-cert-file " + dir.resolve("server.crt"),
                "tls-key-file " + dir.resolve("server.key"),
                "tls-ca-cert-file " + dir.resolve("ca.crt"),
                "tls-auth-clients " + (clientCertificates ? "yes" : "no"));
    }

    private static void assertRoundTrip(RedisConnectionSettings settings, RedisServer redis) {
        RedissonClient client = RedissonClients.create(settings);
        try {
            RedisXmlRepository store = new RedisXmlRepository(client);
            store.add(RedisXmlRepositoryTest.KEY_1, "key-1");
            assertThat(store.readAll()).extracting(StoredElement::xml).containsExactly(RedisXmlRepositoryTest.KEY_1);
            assertThat(redis.lrange("DataProtection-Keys")).containsExactly(RedisXmlRepositoryTest.KEY_1);
        } finally {
            client.shutdown();
        }
    }

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
