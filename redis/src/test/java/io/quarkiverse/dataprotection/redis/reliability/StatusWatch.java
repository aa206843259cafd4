package io.quarkiverse.dataprotection.redis.reliability;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Samples the instances' readiness every 50 ms while {@link #outage} is set. */
final class StatusWatch implements AutoCloseable {

    final AtomicBoolean outage = new AtomicBoolean();
    final AtomicInteger samples = new AtomicInteger();
    final AtomicInteger notReady = new AtomicInteger();
    private volatile boolean running = true;
    private final Thread thread;

    StatusWatch(Instances.Instance... instances) {
        List<Instances.Instance> watched = List.of(instances);
        thread = new Thread(() -> {
            while (running) {
                if (outage.get()) {
                    samples.incrementAndGet();
                    if (watched.stream().anyMatch(i -> !i.provider().status().isReady())) {
                        notReady.incrementAndGet();
                    }
                }
                Instances.sleep(50);
            }
        }, "status-watch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
