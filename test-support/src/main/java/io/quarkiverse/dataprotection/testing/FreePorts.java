package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks loopback ports that are free right now. Another process may still take one before Redis binds it, so
 * callers retry a start that fails with "Address already in use".
 */
final class FreePorts {

    /** Redis Cluster's bus listens on the data port plus this offset. */
    static final int CLUSTER_BUS_OFFSET = 10000;

    private FreePorts() {
    }

    /** A free port; with {@code withClusterBus}, one whose cluster bus port (port + 10000) is free too. */
    static int pick(boolean withClusterBus) {
        if (!withClusterBus) {
            return ephemeral();
        }
        // Ephemeral ports are mostly above 32768, where port + 10000 often does not exist: pick below instead.
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(10000);
            if (isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "No free loopback port found" + (withClusterBus ? " whose port + 10000 is free too" : ""));
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback socket to find a free port", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
