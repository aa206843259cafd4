package io.quarkiverse.dataprotection.benchmarks;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.quarkiverse.dataprotection.internal.crypto.ContextHeaders;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;

/**
 * The SP800-108 subkey derivation of one payload alone, written with plain JCA calls: one HMAC-SHA512 block over
 * {@code [1] || aad || 00 || contextHeader || keyModifier || [L]} with a Mac already keyed with the master key
 * (16 master keys in rotation), the same inputs {@link EncryptorBenchmark} derives from. Independent of the
 * payload size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KdfBenchmark {

    private static final byte[] COUNTER_1 = { 0, 0, 0, 1 };
    private static final byte[] BITS_512 = { 0, 0, 2, 0 };
    private static final byte[] BITS_256 = { 0, 0, 1, 0 };

    private final Rotation rotation = new Rotation();
    private final Mac[] prfs = new Mac[Rotation.COUNT];
    private final byte[][] aads = new byte[Rotation.COUNT][];
    private final byte[][] keyModifiers = new byte[Rotation.COUNT][];
    private final byte[] out = new byte[64];
    private byte[] cbcHeader;
    private byte[] gcmHeader;

    @Setup
    public void setUp() throws GeneralSecurityException {
        cbcHeader = ContextHeaders.of(AlgorithmConfiguration.DEFAULT);
        gcmHeader = ContextHeaders.of(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM));
        byte[] template = PayloadFormat.aadTemplate(List.of("my-application", "Benchmarks.Purpose"));
        for (int i = 0; i < Rotation.COUNT; i++) {
            prfs[i] = Mac.getInstance("HmacSHA512");
            prfs[i].init(new SecretKeySpec(Rotation.randomBytes(64), "HmacSHA512"));
            aads[i] = PayloadFormat.aadFor(template, UUID.randomUUID());
            keyModifiers[i] = Rotation.randomBytes(16);
        }
    }

    /** K_E || K_H for AES-256-CBC + HMACSHA256: 64 bytes, one PRF block. */
    @Benchmark
    public byte[] kdfCbc() throws GeneralSecurityException {
        return derive(cbcHeader, BITS_512);
    }

    /** K_E for AES-256-GCM: 32 bytes, one PRF block. */
    @Benchmark
    public byte[] kdfGcm() throws GeneralSecurityException {
        return derive(gcmHeader, BITS_256);
    }

    private byte[] derive(byte[] contextHeader, byte[] bits) throws GeneralSecurityException {
        int i = rotation.next();
        Mac prf = prfs[i];
        prf.update(COUNTER_1);
        prf.update(aads[i]);
        prf.update((byte) 0);
        prf.update(contextHeader);
        prf.update(keyModifiers[i]);
        prf.update(bits);
        prf.doFinal(out, 0);
        return out;
    }
}
