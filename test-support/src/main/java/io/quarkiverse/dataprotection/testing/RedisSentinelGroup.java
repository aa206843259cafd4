package io.quarkiverse.dataprotection.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A master, one replica and one sentinel monitoring them, all real processes on free loopback ports. Ready when the
 * replica's link to the master is up and the sentinel knows the master and the replica, with the replica's link
 * reported ok (Redisson treats a replica the sentinel reports otherwise as down).
 * <p>
 * With a single sentinel, Redisson needs {@code setCheckSentinelsList(false)}.
 * <p>
 * Thread-safety: as {@link RedisServer}.
 */
public final class RedisSentinelGroup implements AutoCloseable {

    /** The name the sentinel monitors the master under. */
    public static final String MASTER_NAME = "testmaster";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final RedisServer master;
    private final RedisServer replica;
    private final RedisServer sentinel;

    private RedisSentinelGroup(RedisServer master, RedisServer replica, RedisServer sentinel) {
        this.master = master;
        this.replica = replica;
        this.sentinel = sentinel;
    }

    static RedisSentinelGroup start() {
        RedisServer master = null;
        RedisServer replica = null;
        RedisServer sentinel = null;
        try {
            master = RedisServer.start(RedisServer.Kind.SERVER, "sentinel-master", false, port -> List.of());
            int masterPort = master.port();
            replica = RedisServer.start(RedisServer.Kind.SERVER, "sentinel-replica", false,
                    port -> List.of("replicaof 127.0.0.1 " + masterPort));
            sentinel = RedisServer.start(RedisServer.Kind.SENTINEL, "sentinel", false, port -> List.of(
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 1",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
                    "sentinel failover-timeout " + MASTER_NAME + " 10000"));
            RedisSentinelGroup group = new RedisSentinelGroup(master, replica, sentinel);
            group.awaitReady();
            return group;
        } catch (RuntimeException e) {
            closeQuietly(sentinel, e);
            closeQuietly(replica, e);
            closeQuietly(master, e);
            throw e;
        }
    }

    public RedisServer master() {
        return master;
    }

    public RedisServer replica() {
        return replica;
    }

    public RedisServer sentinel() {
        return sentinel;
    }

    public String masterName() {
        return MASTER_NAME;
    }

    /** The sentinel's address, {@code redis://127.0.0.1:<port>}: what a client is configured with. */
    public String sentinelUri() {
        return sentinel.uri();
    }

    /**
     * Forces a failover ({@code SENTINEL FAILOVER}) and waits until it is complete: the sentinel reports the former
     * replica as the master, it acts as one, and the old master (still running) is its replica with the link up.
     * Returns the new master. Until the old master is reconfigured, a client may still write to it, and such writes
     * are lost when it resyncs: that window is Redis's, and this method waits it out.
     * <p>
     * A graceful failover: it first waits ({@code WAIT 1}) until the replica has every write, because replication
     * is asynchronous and a forced failover would otherwise lose the latest writes (kill the master instead to test
     * that).
     */
    public RedisServer failover() {
        RedisServer oldMaster = currentMaster();
        RedisServer newMaster = oldMaster == master ? replica : master;
        oldMaster.command("WAIT", "1", "5000");
        sentinel.command("SENTINEL", "FAILOVER", MASTER_NAME);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (currentMaster() == newMaster && newMaster.info("replication").contains("role:master")
                        && oldMaster.info("replication").contains("master_link_status:up")
                        && oldMaster.info("replication").contains("master_port:" + newMaster.port())) {
                    return newMaster;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            RedisServer.sleep(50);
        }
        throw new IllegalStateException("Failover to " + newMaster.uri() + " did not complete within " + READY_TIMEOUT);
    }

    /** The server the sentinel currently reports as the master. */
    @SuppressWarnings("unchecked")
    public RedisServer currentMaster() {
        List<String> address = (List<String>) sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        return address != null && address.get(1).equals(String.valueOf(replica.port())) ? replica : master;
    }

    /** Sends a command to the current master. */
    public Object command(String... command) {
        return currentMaster().command(command);
    }

    /** Stops the sentinel, then the replica, then the master, and deletes their directories. */
    @Override
    public void close() {
        RuntimeException failure = new RuntimeException("closing the sentinel group failed");
        closeQuietly(sentinel, failure);
        closeQuietly(replica, failure);
        closeQuietly(master, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String state = "nothing checked yet";
        while (System.nanoTime() < deadline) {
            state = readiness();
            if (state == null) {
                return;
            }
            RedisServer.sleep(50);
        }
        throw new IllegalStateException("Sentinel group not ready within " + READY_TIMEOUT + ": " + state
                + "; logs in " + master.directory() + ", " + replica.directory() + ", " + sentinel.directory());
    }

    /** {@code null} when ready, else what is still missing. */
    @SuppressWarnings("unchecked")
    private String readiness() {
        try {
            if (!replica.info("replication").contains("master_link_status:up")) {
                return "replica link to the master is not up";
            }
            List<String> address = (List<String>) sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
            if (address == null || !address.equals(List.of("127.0.0.1", String.valueOf(master.port())))) {
                return "sentinel reports master at " + address;
            }
            List<Object> replicas = (List<Object>) sentinel.command("SENTINEL", "REPLICAS", MASTER_NAME);
            for (Object entry : replicas) {
                Map<String, String> fields = RedisCluster.pairs((List<Object>) entry);
                if (String.valueOf(replica.port()).equals(fields.get("port"))
                        && "slave".equals(fields.get("flags"))
                        && "ok".equals(fields.get("master-link-status"))) {
                    return null;
                }
            }
            return "sentinel does not know the replica as up and linked yet: " + replicas;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static void closeQuietly(RedisServer server, RuntimeException collector) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            collector.addSuppressed(e);
        }
    }
}
