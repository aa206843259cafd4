package io.quarkiverse.dataprotection.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A redis-server process on a free loopback port, with no persistence, for one test class. */
final class TestRedis implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path directory;

    private TestRedis(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    static TestRedis start() {
        try {
            int port = freePort();
            Path directory = Files.createTempDirectory("dp-redis-");
            Process process = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
            TestRedis redis = new TestRedis(process, port, directory);
            redis.awaitPong();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start redis-server (is it installed?)", e);
        }
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try {
                if ("PONG".equals(new RespClient("127.0.0.1", port).command("PING"))) {
                    return;
                }
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    close();
                    throw new IllegalStateException("redis-server did not answer on port " + port, e);
                }
            }
            sleep(50);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
