package io.quarkiverse.dataprotection.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.internal.crypto.AuthenticatedEncryptors;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.spi.AuthenticatedEncryptor;
import io.quarkiverse.dataprotection.spi.RandomSource;

/**
 * Protect and unprotect at the {@link AuthenticatedEncryptor} level plus ASP.NET's header and AAD framing: what
 * {@code DataProtector.protect(byte[])} does once it has resolved the default key. 16 master keys in rotation,
 * one shared {@link RandomSource#secure()} as in a provider.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncryptorBenchmark {

    @Param({ "AES_256_CBC", "AES_256_GCM" })
    public String algorithm;

    @Param({ "32", "1024", "16384" })
    public int size;

    /**
     * {@code secure} ({@link RandomSource#secure()}, what a provider uses) or, for diagnosis only, {@code zeros}: a
     * source that leaves the key modifier and IV zero (16 master keys still rotate the subkeys), to measure the randomness
     * inside a protect call ({@code -p random=secure,zeros}).
     */
    @Param({ "secure" })
    public String random;

    private final Rotation rotation = new Rotation();
    private final AuthenticatedEncryptor[] encryptors = new AuthenticatedEncryptor[Rotation.COUNT];
    private final UUID[] keyIds = new UUID[Rotation.COUNT];
    private final byte[][] aads = new byte[Rotation.COUNT][];
    private final byte[][] plaintexts = new byte[Rotation.COUNT][];
    private final byte[][] protectedPayloads = new byte[Rotation.COUNT][];
    private final Map<UUID, Integer> keyIndex = new HashMap<>();

    @Setup
    public void setUp() {
        EncryptionAlgorithm encryption = EncryptionAlgorithm.valueOf(algorithm);
        AlgorithmConfiguration algorithms = encryption.isGcm() ? AlgorithmConfiguration.gcm(encryption)
                : new AlgorithmConfiguration(encryption, ValidationAlgorithm.HMACSHA256);
        RandomSource random = "zeros".equals(this.random) ? bytes -> {
        } : RandomSource.secure();
        byte[] template = PayloadFormat.aadTemplate(List.of("my-application", "Benchmarks.Purpose"));
        for (int i = 0; i < Rotation.COUNT; i++) {
            encryptors[i] = AuthenticatedEncryptors.create(algorithms, Secret.random(64, RandomSource.secure()), random);
            keyIds[i] = UUID.randomUUID();
            keyIndex.put(keyIds[i], i);
            aads[i] = PayloadFormat.aadFor(template, keyIds[i]);
            plaintexts[i] = Rotation.randomBytes(size);
            protectedPayloads[i] = protect(i);
        }
    }

    @Benchmark
    public byte[] protect() {
        return protect(rotation.next());
    }

    @Benchmark
    public byte[] unprotect() {
        byte[] payload = protectedPayloads[rotation.next()];
        if (!PayloadFormat.hasMagicHeader(payload)) {
            throw DataProtectionException.invalidPayload();
        }
        int key = keyIndex.get(PayloadFormat.readKeyId(payload));
        return encryptors[key].decrypt(payload, PayloadFormat.HEADER_SIZE, payload.length - PayloadFormat.HEADER_SIZE,
                aads[key]);
    }

    private byte[] protect(int i) {
        byte[] payload = encryptors[i].encrypt(plaintexts[i], aads[i], PayloadFormat.HEADER_SIZE, 0);
        PayloadFormat.writeHeader(payload, keyIds[i]);
        return payload;
    }
}
