package io.quarkiverse.dataprotection.redis.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.dataprotection.DataProtector;

/**
 * A steady protect/unprotect load on one instance, in one thread, at about {@code 1000 / pauseMillis} rounds a
 * second. Each round protects a fresh plaintext and unprotects it, and unprotects a payload another instance
 * protected before the fault (a known key, so any failure is the fault's). Counts operations, failures and the
 * slowest operation. Bounded: it stops when told or after {@code maxMillis}.
 */
final class Load implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Load.class);

    final AtomicLong operations = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong slowestNanos = new AtomicLong();
    final List<String> failureMessages = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Load(String name, DataProtector protector, List<byte[]> knownPayloads, List<byte[]> knownPlaintexts,
            long pauseMillis, long maxMillis) {
        thread = new Thread(() -> run(protector, knownPayloads, knownPlaintexts, pauseMillis, maxMillis), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(DataProtector protector, List<byte[]> knownPayloads, List<byte[]> knownPlaintexts, long pause,
            long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long round = 0;
        while (running && System.nanoTime() < deadline) {
            byte[] plaintext = ("load " + Thread.currentThread().getName() + " " + round).getBytes(StandardCharsets.UTF_8);
            int known = (int) (round % knownPayloads.size());
            round++;
            operation(() -> {
                byte[] payload = protector.protect(plaintext);
                if (!Arrays.equals(protector.unprotect(payload), plaintext)) {
                    throw new AssertionError("round trip returned other bytes");
                }
            }, 2);
            operation(() -> {
                if (!Arrays.equals(protector.unprotect(knownPayloads.get(known)), knownPlaintexts.get(known))) {
                    throw new AssertionError("known payload returned other bytes");
                }
            }, 1);
            Instances.sleep(pause);
        }
    }

    private void operation(Runnable operation, int count) {
        long start = System.nanoTime();
        try {
            operation.run();
        } catch (RuntimeException | AssertionError e) {
            failures.addAndGet(count);
            synchronized (failureMessages) {
                if (failureMessages.size() < 10) {
                    failureMessages.add(e.toString());
                }
            }
            LOG.debugf("Operation failed under load: %s", e);
        } finally {
            operations.addAndGet(count);
            slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        }
    }

    long slowestMillis() {
        return slowestNanos.get() / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
