package io.quarkiverse.dataprotection.testing;

/**
 * Run in a separate JVM by {@link DatabaseServersTest}: starts the server kind named by the argument, prints its port
 * and directory, then waits to be killed.
 */
public final class DatabaseOrphanProbe {

    public static void main(String[] args) throws InterruptedException {
        DatabaseServer server = "postgresql".equals(args[0]) ? DatabaseServers.postgres() : DatabaseServers.mariadb();
        System.out.println(server.port());
        System.out.println(server.directory());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
