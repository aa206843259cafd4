package io.quarkiverse.dataprotection.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * The real {@link DataProtector#protect(byte[])} and {@link DataProtector#unprotect(byte[])}: key ring lookup,
 * header and AAD framing and the encryptor, with an in-memory key store and no background refresh. The payloads
 * (16 in rotation) are all under the ring's default key; each one still derives fresh subkeys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DataProtectorBenchmark {

    @Param({ "AES_256_CBC", "AES_256_GCM" })
    public String algorithm;

    @Param({ "32", "1024", "16384" })
    public int size;

    private final Rotation rotation = new Rotation();
    private final byte[][] plaintexts = new byte[Rotation.COUNT][];
    private final byte[][] protectedPayloads = new byte[Rotation.COUNT][];
    private DataProtectionProvider provider;
    private DataProtector protector;

    @Setup
    public void setUp() {
        EncryptionAlgorithm encryption = EncryptionAlgorithm.valueOf(algorithm);
        provider = DataProtectionProvider.builder()
                .applicationName("my-application")
                .repository(new InMemoryXmlRepository())
                .algorithms(encryption.isGcm() ? AlgorithmConfiguration.gcm(encryption)
                        : new AlgorithmConfiguration(encryption, ValidationAlgorithm.HMACSHA256))
                .backgroundRefresh(false)
                .build();
        protector = provider.createProtector("Benchmarks.Purpose");
        for (int i = 0; i < Rotation.COUNT; i++) {
            plaintexts[i] = Rotation.randomBytes(size);
            protectedPayloads[i] = protector.protect(plaintexts[i]);
        }
    }

    @TearDown
    public void tearDown() {
        provider.close();
    }

    @Benchmark
    public byte[] protect() {
        return protector.protect(plaintexts[rotation.next()]);
    }

    @Benchmark
    public byte[] unprotect() {
        return protector.unprotect(protectedPayloads[rotation.next()]);
    }
}
