package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Known-key unprotect latency on a 10,000-key ring while another thread sends 10,000 payloads under forged key ids,
 * against the same without the flood, in one run; and the store reads the flood caused. The store is a plain
 * {@link XmlRepository} (no version to check first), so each unknown-key refresh is a full read of the 10,000
 * elements: the worst case. Both threads share the machine's 2 cores, so the flood also costs the measured thread
 * CPU, whatever the library does: the third row, beside a thread of known-key unprotects for as long, shows that share.
 */
public final class UnknownKeyFlood {

    private static final int KEYS = 10_000;
    private static final int FORGED = 10_000;
    private static final int SAMPLES = 20_000;

    private UnknownKeyFlood() {
    }

    public static void main(String[] args) throws Exception {
        Fleet.quiet();
        CountingStore store = new CountingStore();
        Fleet.keyXmls(KEYS, null).forEach(xml -> store.delegate.add(xml, "key"));
        Duration interval = DataProtectionProviderBuilder.DEFAULT_UNKNOWN_KEY_REFRESH_INTERVAL;
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .autoGenerateKeys(false).build()) {
            DataProtector protector = provider.createProtector("flood");
            byte[] known = protector.protect(new byte[1024]);
            measure(protector, known, SAMPLES, () -> false); // warm-up
            double[] quiet = measure(protector, known, SAMPLES, () -> false);
            int readsBefore = store.reads.get();
            Flood flood = new Flood(protector, known);
            long begin = System.nanoTime();
            flood.start();
            double[] flooded = measure(protector, known, 1, flood::isAlive); // exactly while the flood lasts
            flood.join();
            double seconds = (System.nanoTime() - begin) / 1e9;
            double floodSeconds = flood.nanos / 1e9;
            int reads = store.reads.get() - readsBefore;
            // The same CPU competition without unknown keys: a second thread of known-key unprotects, as long
            long busyBegin = System.nanoTime();
            long busyEnd = busyBegin + flood.nanos;
            Thread busy = new Thread(() -> measure(protector, known, 1, () -> System.nanoTime() < busyEnd));
            busy.start();
            double[] contended = measure(protector, known, 1, busy::isAlive);
            busy.join();
            double busySeconds = (System.nanoTime() - busyBegin) / 1e9;
            System.out.println("| known-key unprotect, 10,000-key ring | p50 (ms) | p99 (ms) |");
            System.out.println("|---|---:|---:|");
            System.out.println("| alone (" + (long) quiet[2] + " calls) | " + Fleet.ms(quiet[0]) + " | "
                    + Fleet.ms(quiet[1]) + " |");
            System.out.println("| during the flood (" + (long) flooded[2] + " calls) | " + Fleet.ms(flooded[0]) + " | "
                    + Fleet.ms(flooded[1]) + " |");
            System.out.println("| beside a thread of known-key unprotects for " + String.format(Locale.ROOT, "%.1f s",
                    busySeconds) + " (" + (long) contended[2] + " calls) | " + Fleet.ms(contended[0]) + " | "
                    + Fleet.ms(contended[1]) + " |");
            System.out.printf(
                    "p99 flood / alone: %s, flood / beside a known-key thread: %s; %,d forged payloads (%d answered 'not found') in %.2f s; "
                            + "store reads caused in the %.1f s measured: %d; allowed at one per %d s interval: %d%n",
                    Fleet.ratio(flooded[1], quiet[1]), Fleet.ratio(flooded[1], contended[1]), FORGED, flood.notFound.get(),
                    floodSeconds, seconds, reads,
                    interval.toSeconds(), (long) Math.ceil(seconds / interval.toSeconds()));
        }
    }

    /**
     * {@code [p50, p99, calls]} (nanoseconds) of known-key unprotects: {@code min} of them, and more while
     * {@code more} says so.
     */
    private static double[] measure(DataProtector protector, byte[] known, int min, BooleanSupplier more) {
        long[] samples = new long[SAMPLES];
        int n = 0;
        while (n < min || more.getAsBoolean()) {
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
            }
            long begin = System.nanoTime();
            protector.unprotect(known);
            samples[n++] = System.nanoTime() - begin;
        }
        long[] taken = Arrays.copyOf(samples, n);
        return new double[] { Fleet.percentile(taken, 50), Fleet.percentile(taken, 99), n };
    }

    /** Sends {@value #FORGED} payloads, each under another key id, as fast as they are answered. */
    private static final class Flood extends Thread {
        private final DataProtector protector;
        private final byte[] known;
        final AtomicInteger notFound = new AtomicInteger();
        volatile long nanos;

        Flood(DataProtector protector, byte[] known) {
            super("flood");
            this.protector = protector;
            this.known = known;
        }

        @Override
        public void run() {
            long begin = System.nanoTime();
            for (int i = 0; i < FORGED; i++) {
                byte[] forged = known.clone();
                forged[4 + (i % 16)] ^= (byte) (1 + i / 16 % 255); // bytes 4..19: the key id
                forged[4 + ((i + 7) % 16)] ^= (byte) (i >>> 12);
                try {
                    protector.unprotect(forged);
                } catch (DataProtectionException e) {
                    if (e.getMessage().contains("was not found")) {
                        notFound.incrementAndGet();
                    }
                }
            }
            nanos = System.nanoTime() - begin;
        }
    }

    /** An in-memory store seen as a plain (unversioned) repository, counting full reads. */
    static final class CountingStore implements XmlRepository {
        final InMemoryXmlRepository delegate = new InMemoryXmlRepository();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public List<StoredElement> readAll() {
            reads.incrementAndGet();
            return delegate.readAll();
        }

        @Override
        public void add(String xml, String friendlyName) {
            delegate.add(xml, friendlyName);
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            delegate.remove(elements);
        }

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public String description() {
            return "counting in-memory store";
        }
    }
}
