package io.quarkiverse.dataprotection.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * The per-payload randomness alone: 32 bytes (key modifier + IV) from {@link RandomSource#secure()}, the one part
 * of a protect call that the raw building blocks leave out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RandomBenchmark {

    private final RandomSource random = RandomSource.secure();
    private final byte[] bytes = new byte[32];

    @Benchmark
    public byte[] secureRandom32() {
        random.nextBytes(bytes);
        return bytes;
    }
}
