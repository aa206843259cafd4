package io.quarkiverse.dataprotection.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw JCA building blocks of one protect call, each with a fresh key per call (16 in rotation), as the
 * encryptors use them: AES-256-CBC encryption, HMAC-SHA256 over IV || ciphertext, AES-256-GCM encryption.
 * Cipher and Mac instances are created once, as the encryptors cache theirs per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JcaBenchmark {

    @Param({ "32", "1024", "16384" })
    public int size;

    private final Rotation rotation = new Rotation();
    private final SecretKeySpec[] aesKeys = new SecretKeySpec[Rotation.COUNT];
    private final SecretKeySpec[] hmacKeys = new SecretKeySpec[Rotation.COUNT];
    private final IvParameterSpec[] ivs = new IvParameterSpec[Rotation.COUNT];
    private final GCMParameterSpec[] nonces = new GCMParameterSpec[Rotation.COUNT];
    private final byte[][] plaintexts = new byte[Rotation.COUNT][];
    private final byte[][] macInputs = new byte[Rotation.COUNT][];
    private Cipher cbc;
    private Cipher gcm;
    private Mac hmac;

    @Setup
    public void setUp() throws GeneralSecurityException {
        cbc = Cipher.getInstance("AES/CBC/PKCS5Padding");
        gcm = Cipher.getInstance("AES/GCM/NoPadding");
        hmac = Mac.getInstance("HmacSHA256");
        for (int i = 0; i < Rotation.COUNT; i++) {
            aesKeys[i] = new SecretKeySpec(Rotation.randomBytes(32), "AES");
            hmacKeys[i] = new SecretKeySpec(Rotation.randomBytes(32), "HmacSHA256");
            ivs[i] = new IvParameterSpec(Rotation.randomBytes(16));
            nonces[i] = new GCMParameterSpec(128, Rotation.randomBytes(12));
            plaintexts[i] = Rotation.randomBytes(size);
            macInputs[i] = Rotation.randomBytes(16 + (size / 16 + 1) * 16);
        }
    }

    /** AES-256-CBC-PKCS7 encryption of {@code size} bytes with a fresh key and IV. */
    @Benchmark
    public byte[] aesCbc() throws GeneralSecurityException {
        int i = rotation.next();
        cbc.init(Cipher.ENCRYPT_MODE, aesKeys[i], ivs[i]);
        return cbc.doFinal(plaintexts[i]);
    }

    /** HMAC-SHA256 with a fresh key over IV || ciphertext, as long as the CBC output for {@code size} bytes. */
    @Benchmark
    public byte[] hmacSha256() throws GeneralSecurityException {
        int i = rotation.next();
        hmac.init(hmacKeys[i]);
        return hmac.doFinal(macInputs[i]);
    }

    /** AES-256-GCM encryption of {@code size} bytes with a fresh key and nonce. */
    @Benchmark
    public byte[] aesGcm() throws GeneralSecurityException {
        int i = rotation.next();
        gcm.init(Cipher.ENCRYPT_MODE, aesKeys[i], nonces[i]);
        return gcm.doFinal(plaintexts[i]);
    }
}
