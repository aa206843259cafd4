package io.quarkiverse.dataprotection.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports whose bus ports (port + 10000) are free too,
 * created with {@code redis-cli --cluster create}. Ready when every node reports {@code cluster_state:ok}.
 * <p>
 * {@link #command} follows {@code MOVED} redirections, so a test can {@code RPUSH}/{@code LRANGE} a key without
 * knowing which node owns its slot.
 * <p>
 * Thread-safety: as {@link RedisServer}.
 */
public final class RedisCluster implements AutoCloseable {

    static final int MASTERS = 3;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    static RedisCluster start() {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS; i++) {
                nodes.add(RedisServer.start(RedisServer.Kind.SERVER, "cluster-" + i, true, port -> List.of(
                        "cluster-enabled yes",
                        "cluster-config-file nodes.conf",
                        "cluster-node-timeout 5000")));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.create();
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** Every node's {@code redis://127.0.0.1:<port>}: a client may be given any or all of them. */
    public List<String> uris() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.toList());
    }

    /** Sends a command to the first node, then to whichever node a {@code MOVED} reply names. */
    public Object command(String... command) {
        RedisServer node = nodes.get(0);
        for (int hop = 0; hop < MASTERS + 1; hop++) {
            try {
                return node.command(command);
            } catch (RespClient.RedisErrorReply e) {
                if (!e.getMessage().startsWith("MOVED ")) {
                    throw e;
                }
                String target = e.getMessage().substring(e.getMessage().lastIndexOf(' ') + 1);
                int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
                node = nodes.stream().filter(n -> n.port() == port).findFirst()
                        .orElseThrow(() -> new IllegalStateException("MOVED to unknown node " + target));
            }
        }
        throw new IllegalStateException("Too many MOVED redirections for " + command[0]);
    }

    /**
     * The master whose slots include {@code key}'s ({@code CLUSTER KEYSLOT}, then {@code CLUSTER SLOTS}), asked of
     * any running node. Kill it to make that key unreachable; {@link RedisServer#restart()} brings it back with its
     * slots (its {@code nodes.conf} survives in its directory), though empty, and {@link #awaitOk()} waits for the
     * cluster to see it.
     */
    @SuppressWarnings("unchecked")
    public RedisServer masterOf(String key) {
        RedisServer asked = nodes.stream().filter(RedisServer::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("No cluster node is running"));
        long slot = (Long) asked.command("CLUSTER", "KEYSLOT", key);
        for (Object range : (List<Object>) asked.command("CLUSTER", "SLOTS")) {
            List<Object> fields = (List<Object>) range;
            if ((Long) fields.get(0) <= slot && slot <= (Long) fields.get(1)) {
                long port = (Long) ((List<Object>) fields.get(2)).get(1);
                return nodes.stream().filter(n -> n.port() == port).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Slot " + slot + " is on an unknown node " + port));
            }
        }
        throw new IllegalStateException("No node serves slot " + slot + " of " + key);
    }

    /** Waits until every node reports {@code cluster_state:ok}, e.g. after a killed master was restarted. */
    public void awaitOk() {
        awaitOk(READY_TIMEOUT);
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(RedisExecutables.redisCli().toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            cli.getOutputStream().close();
            byte[] output = cli.getInputStream().readAllBytes();
            if (!cli.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create did not finish within " + READY_TIMEOUT);
            }
            if (cli.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed with exit code " + cli.exitValue()
                        + ":\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the cluster", e);
        }
    }

    private void awaitOk(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = nodes.stream()
                    .filter(node -> !clusterInfo(node).contains("cluster_state:ok"))
                    .map(RedisServer::uri)
                    .collect(Collectors.joining(", "));
            if (state.isEmpty()) {
                return;
            }
            RedisServer.sleep(50);
        }
        throw new IllegalStateException("Cluster not ok within " + timeout + " on " + state);
    }

    private static String clusterInfo(RedisServer node) {
        try {
            return (String) node.command("CLUSTER", "INFO");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Turns a flat {@code [k1, v1, k2, v2, ...]} reply into a map. */
    static Map<String, String> pairs(List<Object> flat) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }
}
