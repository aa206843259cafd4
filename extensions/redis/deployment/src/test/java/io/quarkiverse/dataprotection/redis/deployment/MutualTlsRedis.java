package io.quarkiverse.dataprotection.redis.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkiverse.dataprotection.testing.CertificateGenerator;
import io.quarkiverse.dataprotection.testing.RedisServer;
import io.quarkiverse.dataprotection.testing.RedisServers;
import io.quarkiverse.dataprotection.testing.TestCertificate;

/**
 * A redis-server that requires a client certificate ({@code tls-auth-clients yes}) on a TLS port, and the files a
 * Quarkus TLS registry configuration needs to reach it: the server's self-signed certificate (the trust store), and a
 * self-signed client certificate the server trusts, as PEM and as a password-protected PKCS#12 store. Generated per
 * test class into a temporary directory; no private key is committed. Like {@link TestRedis}, one class at a time.
 */
final class MutualTlsRedis {

    /** The PKCS#12 client store's password (a test value, generated certificates only). */
    static final String CLIENT_P12_PASSWORD = "client-p12-pass";

    private static Path dir;
    private static int tlsPort;

    private MutualTlsRedis() {
    }

    /** Generates the certificates and starts the server; call it from {@link TestRedis#around}'s start step. */
    static RedisServer start() {
        dir = certificates();
        tlsPort = freePort();
        return RedisServers.standalone("tls-port " + tlsPort, "tls-cert-file " + file("server.pem"),
                "tls-key-file " + file("server-key.pem"), "tls-ca-cert-file " + file("trusted-clients.pem"),
                "tls-auth-clients yes");
    }

    /** The {@code rediss://} address of the TLS port, for the configuration (JUnit's class loader). */
    static String tlsUri() {
        return "rediss://127.0.0.1:" + tlsPort;
    }

    /**
     * The same address in a test method, which runs in the application's class loader, where this class's fields
     * were never set: read back from the {@code redis.hosts} system property {@link TestRedis} set.
     */
    static String configuredTlsUri() {
        return System.getProperty("quarkus.data-protection.redis.hosts");
    }

    /** A generated file: server.pem, client.pem, client-key.pem or client.p12. */
    static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("redis-mutual-tls");
            dir.toFile().deleteOnExit();
            TestCertificate server = CertificateGenerator.tlsServer();
            TestCertificate client = CertificateGenerator.generate("data-protection-client");
            write(dir, "server.pem", server.certificatePem());
            write(dir, "server-key.pem", server.privateKeyPem());
            write(dir, "client.pem", client.certificatePem());
            write(dir, "client-key.pem", client.privateKeyPem());
            // The server trusts exactly the generated client certificate (self-signed, so it is its own anchor).
            write(dir, "trusted-clients.pem", client.certificatePem());
            Path p12 = dir.resolve("client.p12");
            Files.write(p12, client.pkcs12(CLIENT_P12_PASSWORD.toCharArray()));
            p12.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        file.toFile().deleteOnExit();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
