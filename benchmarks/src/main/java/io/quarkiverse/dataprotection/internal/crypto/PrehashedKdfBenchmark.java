package io.quarkiverse.dataprotection.internal.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;

/**
 * The subkey derivation exactly as the encryptors run it (package-private {@link Sp800108CtrHmacSha512#derive}
 * with the pre-hashed-pad {@link HmacSha512Prf}; this class sits in the crypto package only to reach it), next to
 * the plain-JCA {@code KdfBenchmark}. 16 master keys in rotation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrehashedKdfBenchmark {

    private static final int COUNT = 16;

    private final HmacSha512Prf[] prfs = new HmacSha512Prf[COUNT];
    private final byte[][] aads = new byte[COUNT][];
    private final byte[][] keyModifiers = new byte[COUNT][];
    private final byte[] out = new byte[64];
    private byte[] cbcHeader;
    private int next;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        cbcHeader = ContextHeaders.of(AlgorithmConfiguration.DEFAULT);
        byte[] template = PayloadFormat.aadTemplate(List.of("my-application", "Benchmarks.Purpose"));
        for (int i = 0; i < COUNT; i++) {
            byte[] masterKey = new byte[64];
            random.nextBytes(masterKey);
            prfs[i] = Sp800108CtrHmacSha512.newPrf(masterKey);
            aads[i] = PayloadFormat.aadFor(template, UUID.randomUUID());
            keyModifiers[i] = new byte[16];
            random.nextBytes(keyModifiers[i]);
        }
    }

    /** K_E || K_H for AES-256-CBC + HMACSHA256: 64 bytes. */
    @Benchmark
    public byte[] kdfCbcPrehashed() {
        int i = next++ & (COUNT - 1);
        Sp800108CtrHmacSha512.derive(prfs[i], aads[i], cbcHeader, keyModifiers[i], 0, 16, out, 64);
        return out;
    }
}
