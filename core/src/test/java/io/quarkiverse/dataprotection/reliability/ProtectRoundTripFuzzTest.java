package io.quarkiverse.dataprotection.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.dataprotection.DataProtectionException;
import io.quarkiverse.dataprotection.DataProtectionProvider;
import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.ExpiredPayloadException;
import io.quarkiverse.dataprotection.internal.crypto.PayloadFormat;
import io.quarkiverse.dataprotection.internal.crypto.Secret;
import io.quarkiverse.dataprotection.internal.xml.KeyXml;
import io.quarkiverse.dataprotection.keys.AlgorithmConfiguration;
import io.quarkiverse.dataprotection.keys.EncryptionAlgorithm;
import io.quarkiverse.dataprotection.keys.ValidationAlgorithm;
import io.quarkiverse.dataprotection.store.InMemoryXmlRepository;

/**
 * Fuzzes protect and unprotect past the MAC check, with real keys whose master keys this test knows (issue 9): the
 * input is a recipe ({@link FuzzInput}) choosing a ring (CBC or GCM), a purpose chain (lone surrogates included), a
 * mode, a mutation and the plaintext. Modes:
 * <ol start="0">
 * <li>bytes, 1 base64url text, 2 time-limited, 3 persisted: protect, mutate, unprotect; an unmodified payload gives
 * the plaintext back (and the expiration, or {@link ExpiredPayloadException}), a modified one a
 * {@link DataProtectionException};</li>
 * <li value="4">a payload built here with a valid MAC (CBC) or tag (GCM) around the fuzzer's own ciphertext, key
 * modifier and IV: the CBC padding check runs on ciphertext no encryptor wrote, and the result must be what the JCA
 * decrypts, or a {@link DataProtectionException} when the padding is bad;</li>
 * <li value="5">any inner plaintext under the time-limited purpose: the expiration header is parsed from the fuzzer's
 * bytes.</li>
 * </ol>
 * Nothing but {@link DataProtectionException} (and {@link IllegalArgumentException} for a purpose that is not valid
 * UTF-16) may escape. Under {@code mvn test} only the seeds in {@code ProtectRoundTripFuzzTestInputs/} run.
 */
class ProtectRoundTripFuzzTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final long EPOCH_TICKS = 621_355_968_000_000_000L;
    static final long MAX_TICKS = 3_155_378_975_999_999_999L;
    private static final List<Ring> RINGS = List.of(
            new Ring(AlgorithmConfiguration.DEFAULT, "11111111-1111-1111-1111-111111111111"),
            new Ring(new AlgorithmConfiguration(EncryptionAlgorithm.AES_128_CBC, ValidationAlgorithm.HMACSHA512),
                    "22222222-2222-2222-2222-222222222222"),
            new Ring(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_256_GCM), "33333333-3333-3333-3333-333333333333"),
            new Ring(AlgorithmConfiguration.gcm(EncryptionAlgorithm.AES_128_GCM), "44444444-4444-4444-4444-444444444444"));

    /** A provider over one key whose master key is known here. */
    record Ring(DataProtectionProvider provider, AlgorithmConfiguration algorithms, UUID keyId, byte[] masterKey) {

        Ring(AlgorithmConfiguration algorithms, String keyId) {
            this(algorithms, UUID.fromString(keyId), masterKey(keyId));
        }

        private Ring(AlgorithmConfiguration algorithms, UUID keyId, byte[] masterKey) {
            this(provider(algorithms, keyId, masterKey), algorithms, keyId, masterKey);
        }

        private static byte[] masterKey(String seed) {
            byte[] key = new byte[64];
            Arrays.fill(key, (byte) seed.charAt(0));
            return key;
        }

        private static DataProtectionProvider provider(AlgorithmConfiguration algorithms, UUID id, byte[] masterKey) {
            InMemoryXmlRepository store = new InMemoryXmlRepository();
            store.add(KeyXml.writeKey(id, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(30)),
                    NOW.plus(Duration.ofDays(300)), algorithms, Secret.copyOf(masterKey), null), "key-" + id);
            return DataProtectionProvider.builder().repository(store).algorithms(algorithms)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).backgroundRefresh(false).build();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void protectMutateUnprotect_anyRecipe_roundTripsOrFailsAsDataProtectionException(byte[] data) throws Exception {
        FuzzInput in = new FuzzInput(data);
        Ring ring = in.choose(RINGS);
        int mode = in.u8() % 6;
        List<String> purposes = purposes(in);
        DataProtector protector;
        try {
            protector = ring.provider().createProtector(purposes.get(0),
                    purposes.subList(1, purposes.size()).toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            check(!purposes.stream().allMatch(ProtectRoundTripFuzzTest::isValidUtf16), "a valid purpose was refused");
            return;
        }
        check(purposes.stream().allMatch(ProtectRoundTripFuzzTest::isValidUtf16), "a lone surrogate was accepted");
        Mutation mutation = new Mutation(in.u8() % 7, in.u16(), in.u8(), in.shortBytes());
        switch (mode) {
            case 0 -> RoundTripModes.bytes(protector, mutation, in.rest(), RINGS.get((RINGS.indexOf(ring) + 1) % RINGS.size()));
            case 1 -> RoundTripModes.text(protector, mutation, in.rest());
            case 2 -> RoundTripModes.timeLimited(protector, mutation, in);
            case 3 -> RoundTripModes.persisted(protector, mutation, in.rest());
            case 4 -> RoundTripModes.crafted(protector, ring, purposes, in);
            default -> RoundTripModes.timeLimitedHeader(protector, in.rest());
        }
    }

    /** One to three purposes, each from UTF-16 code units the fuzzer chose (so lone surrogates too). */
    private static List<String> purposes(FuzzInput in) {
        int count = 1 + in.u8() % 3;
        List<String> purposes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] units = in.shortBytes();
            char[] chars = new char[units.length / 2];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) ((units[2 * j] & 0xFF) << 8 | (units[2 * j + 1] & 0xFF));
            }
            purposes.add(new String(chars));
        }
        return purposes;
    }

    static boolean isValidUtf16(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** Runs {@code unprotect} and requires the generic failure. */
    static void expectFailure(ThrowingRunnable unprotect, String what) {
        try {
            unprotect.run();
        } catch (ExpiredPayloadException e) {
            throw new AssertionError(what + " was read as an expired payload", e);
        } catch (DataProtectionException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError(what + " failed with " + e, e);
        }
        throw new AssertionError(what + " was unprotected");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A change to a payload: 0 none, 1 flip a bit, 2 truncate, 3 append, 4 set a byte, 5 other key id, 6 insert. */
    record Mutation(int kind, int position, int value, byte[] extra) {

        byte[] apply(byte[] payload, UUID otherKeyId) {
            int at = payload.length == 0 ? 0 : position % payload.length;
            return switch (kind) {
                case 1 -> {
                    byte[] out = payload.clone();
                    if (out.length > 0) {
                        out[at] ^= (byte) (1 << (value & 7));
                    }
                    yield out;
                }
                case 2 -> Arrays.copyOf(payload, at);
                case 3 -> concat(payload, extra);
                case 4 -> {
                    byte[] out = payload.clone();
                    if (out.length > 0) {
                        out[at] = (byte) value;
                    }
                    yield out;
                }
                case 5 -> {
                    byte[] out = payload.clone();
                    if (out.length >= PayloadFormat.HEADER_SIZE) {
                        PayloadFormat.writeHeader(out, otherKeyId);
                    }
                    yield out;
                }
                case 6 -> concat(concat(Arrays.copyOf(payload, at), new byte[] { (byte) value }),
                        Arrays.copyOfRange(payload, at, payload.length));
                default -> payload;
            };
        }

        String apply(String text) {
            if (kind == 0 || text.isEmpty()) {
                return text;
            }
            int at = position % text.length();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=!. ";
            char c = alphabet.charAt(value % alphabet.length());
            return switch (kind) {
                case 2 -> text.substring(0, at);
                case 3 -> text + c;
                case 6 -> text.substring(0, at) + c + text.substring(at);
                default -> text.substring(0, at) + c + text.substring(at + 1);
            };
        }

        static byte[] concat(byte[] a, byte[] b) {
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    /** .NET ticks for an instant, as the time-limited header holds them. */
    static long ticks(Instant instant) {
        return EPOCH_TICKS + instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }

    static Instant fromTicks(long ticks) {
        long sinceEpoch = ticks - EPOCH_TICKS;
        return Instant.ofEpochSecond(Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
    }
}
