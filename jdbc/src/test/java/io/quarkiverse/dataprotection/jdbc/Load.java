package io.quarkiverse.dataprotection.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.dataprotection.DataProtector;

/**
 * A steady protect/unprotect load on one instance, in one thread, about {@code 1000 / pauseMillis} rounds a second:
 * each round protects and unprotects a fresh plaintext and unprotects a payload another instance made before the fault
 * (a known key, so any failure is the fault's). Bounded: it stops when closed or after {@code maxMillis}.
 */
final class Load implements AutoCloseable {

    final AtomicLong operations = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final List<String> failureMessages = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Load(String name, DataProtector protector, byte[] knownPayload, byte[] knownPlaintext, long pauseMillis,
            long maxMillis) {
        thread = new Thread(() -> {
            long deadline = System.nanoTime() + maxMillis * 1_000_000;
            for (long round = 0; running && System.nanoTime() < deadline; round++) {
                byte[] plaintext = (name + " " + round).getBytes(StandardCharsets.UTF_8);
                operation(() -> Arrays.equals(protector.unprotect(protector.protect(plaintext)), plaintext), 2);
                operation(() -> Arrays.equals(protector.unprotect(knownPayload), knownPlaintext), 1);
                Fleet.sleep(pauseMillis);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void operation(java.util.function.BooleanSupplier operation, int count) {
        try {
            if (!operation.getAsBoolean()) {
                throw new AssertionError("returned other bytes");
            }
        } catch (RuntimeException | AssertionError e) {
            failures.addAndGet(count);
            if (failureMessages.size() < 10) {
                failureMessages.add(e.toString());
            }
        } finally {
            operations.addAndGet(count);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
