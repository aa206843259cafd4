package io.quarkiverse.dataprotection.benchmarks.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtectionProviderBuilder;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.XmlRepository;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Known-key unprotect latency on a 10,000-key ring while another thread sends 10,000 payloads under forged key ids,
 * against the same without the flood, in one run; and the store reads the flood caused. The store is a plain
 * {@link XmlRepository} (no version to check first), so each unknown-key refresh is a full read of the 10,000
 * elements: the worst case. Both threads share the machine's 2 cores, so the flood also costs the measured thread
 * CPU, whatever the library does: a third condition, beside a second thread of known-key unprotects for as long,
 * shows that share.
 * <p>
 * One flood lasts about a tenth of a second, so the p99 of one window is a handful of samples that any GC or JIT pause
 * moves. The run therefore has {@code rounds} rounds (argument, default 15), each with the three windows of equal
 * length in a rotating order, and pools each condition's samples over the rounds; the rounds are one unknown-key
 * interval apart, so each flood (with ids never sent before) may cause one store read.
 * <p>
 * With the argument {@code versioned} after the rounds, the store is a versioned one (as the file, Redis and JDBC stores
 * are): a forged id against an unchanged store then costs a version check and no read, so the comparison of the two
 * runs tells the read's share of the flood's cost from the forged payloads' own.
 */
public final class UnknownKeyFlood {

    private static final int KEYS = 10_000;
    private static final int FORGED = 10_000;
    private static final int SAMPLES = 20_000;

    /** The three windows of a round, each with its row label. */
    private enum Condition {
        ALONE("alone"),
        FLOOD("during the flood"),
        BUSY("beside a second thread of known-key unprotects");

        final String label;

        Condition(String label) {
            this.label = label;
        }
    }

    /** A condition's samples, pooled over the rounds (nanoseconds). */
    private record Pooled(long calls, double p50, double p99, double p999, double max) {

        static Pooled of(List<long[]> rounds) {
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return new Pooled(all.length, Fleet.percentile(all, 50), Fleet.percentile(all, 99),
                    Fleet.percentile(all, 99.9), all[all.length - 1]);
        }
    }

    private UnknownKeyFlood() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        boolean versioned = args.length > 1 && args[1].equals("versioned");
        Fleet.quiet();
        CountingStore store = versioned ? new CountingVersionedStore() : new CountingStore();
        Fleet.keyXmls(KEYS, null).forEach(xml -> store.delegate.add(xml, "key"));
        Duration interval = DataProtectionProviderBuilder.DEFAULT_UNKNOWN_KEY_REFRESH_INTERVAL;
        try (DataProtectionProvider provider = DataProtectionProvider.builder().repository(store)
                .autoGenerateKeys(false).build()) {
            DataProtector protector = provider.createProtector("flood");
            byte[] known = protector.protect(new byte[1024]);
            measure(protector, known, SAMPLES, () -> false); // warm-up of the known-key path
            Flood warmUp = new Flood(protector, known, -1);
            warmUp.start();
            warmUp.join();
            long window = warmUp.nanos; // every window lasts as long as one flood
            Map<Condition, List<long[]>> samples = new EnumMap<>(Condition.class);
            for (Condition condition : Condition.values()) {
                samples.put(condition, new ArrayList<>());
            }
            List<Double> roundRatios = new ArrayList<>();
            int maxReadsPerFlood = 0;
            int totalReads = 0;
            long floodNanos = 0;
            int notFound = 0;
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(interval.toMillis() + 100); // the previous flood's interval is over
                Map<Condition, long[]> thisRound = new EnumMap<>(Condition.class);
                Condition[] conditions = Condition.values();
                for (int i = 0; i < conditions.length; i++) {
                    Condition condition = conditions[(round + i) % conditions.length];
                    switch (condition) {
                        case ALONE -> {
                            long end = System.nanoTime() + window;
                            thisRound.put(condition, measure(protector, known, 1, () -> System.nanoTime() < end));
                        }
                        case FLOOD -> {
                            int readsBefore = store.reads.get();
                            Flood flood = new Flood(protector, known, round);
                            flood.start();
                            thisRound.put(condition, measure(protector, known, 1, flood::isAlive));
                            flood.join();
                            int reads = store.reads.get() - readsBefore;
                            maxReadsPerFlood = Math.max(maxReadsPerFlood, reads);
                            totalReads += reads;
                            floodNanos += flood.nanos;
                            notFound += flood.notFound.get();
                        }
                        case BUSY -> {
                            long end = System.nanoTime() + window;
                            Thread busy = new Thread(() -> measure(protector, known, 1, () -> System.nanoTime() < end));
                            busy.start();
                            thisRound.put(condition, measure(protector, known, 1, busy::isAlive));
                            busy.join();
                        }
                    }
                }
                thisRound.forEach((condition, taken) -> samples.get(condition).add(taken));
                // percentile sorts in place: harmless, the pooled figures do not depend on the order
                roundRatios.add(Fleet.percentile(thisRound.get(Condition.FLOOD), 99)
                        / Fleet.percentile(thisRound.get(Condition.ALONE), 99));
            }
            Map<Condition, Pooled> pooled = new EnumMap<>(Condition.class);
            samples.forEach((condition, perRound) -> pooled.put(condition, Pooled.of(perRound)));
            System.out.printf(Locale.ROOT, "%d rounds on a %s store; windows of %.2f s (one flood's length)%n%n", rounds,
                    versioned ? "versioned" : "plain (unversioned)", window / 1e9);
            System.out.println("| known-key unprotect, 10,000-key ring, pooled over the rounds | calls | p50 (ms) | "
                    + "p99 (ms) | p99.9 (ms) | max (ms) |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            pooled.forEach((condition, p) -> System.out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |%n",
                    condition.label, p.calls(), Fleet.ms(p.p50()), Fleet.ms(p.p99()), Fleet.ms(p.p999()),
                    Fleet.ms(p.max())));
            roundRatios.sort(null);
            System.out.printf(Locale.ROOT,
                    "%npooled p99 flood / alone: %s; flood / beside a known-key thread: %s; per-round p99 flood / alone:"
                            + " median %.2f, range %.2f-%.2f%n",
                    Fleet.ratio(pooled.get(Condition.FLOOD).p99(), pooled.get(Condition.ALONE).p99()),
                    Fleet.ratio(pooled.get(Condition.FLOOD).p99(), pooled.get(Condition.BUSY).p99()),
                    roundRatios.get(roundRatios.size() / 2), roundRatios.get(0), roundRatios.get(roundRatios.size() - 1));
            System.out.printf(Locale.ROOT,
                    "%,d forged payloads (%,d answered 'not found'), %.2f s per flood on average; store reads caused: "
                            + "%d in %d floods, at most %d per flood (allowed: 1 per %d s interval, and the floods are "
                            + "one interval apart)%n",
                    (long) FORGED * rounds, notFound, floodNanos / 1e9 / rounds, totalReads, rounds, maxReadsPerFlood,
                    interval.toSeconds());
        }
    }

    /** The nanosecond times of known-key unprotects: {@code min} of them, and more while {@code more} says so. */
    private static long[] measure(DataProtector protector, byte[] known, int min, BooleanSupplier more) {
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
        return Arrays.copyOf(samples, n);
    }

    /**
     * Sends {@value #FORGED} payloads, each under a key id never sent before (the round number is part of it), as
     * fast as they are answered.
     */
    private static final class Flood extends Thread {
        private final DataProtector protector;
        private final byte[] known;
        private final int round;
        final AtomicInteger notFound = new AtomicInteger();
        volatile long nanos;

        Flood(DataProtector protector, byte[] known, int round) {
            super("flood");
            this.protector = protector;
            this.known = known;
            this.round = round;
        }

        @Override
        public void run() {
            long begin = System.nanoTime();
            for (int i = 0; i < FORGED; i++) {
                byte[] forged = known.clone();
                long id = ((long) (round + 1) << 32) | i;
                for (int b = 0; b < 8; b++) {
                    forged[4 + b] ^= (byte) (id >>> (8 * b)); // bytes 4..19 are the key id
                }
                forged[12] ^= 0x5a; // never the known id, even for id 0
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
    static class CountingStore implements XmlRepository {
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

    /** The in-memory store as the versioned store it is, counting full reads (plain and versioned ones alike). */
    static final class CountingVersionedStore extends CountingStore implements VersionedXmlRepository {

        @Override
        public VersionedElements readVersioned() {
            reads.incrementAndGet();
            return delegate.readVersioned();
        }

        @Override
        public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
            return delegate.addIfVersion(expectedVersion, xml, friendlyName);
        }

        @Override
        public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
            return delegate.addAllIfVersion(expectedVersion, elements);
        }

        @Override
        public String version() {
            return delegate.version();
        }

        @Override
        public String description() {
            return "counting versioned in-memory store";
        }
    }
}
